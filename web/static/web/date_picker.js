// The date picker beside a typed date box (tracker/date_picker.py), on the delegates' pages
// and in the admin.
// The picked day is written into the box (the box is
// what the server reads; 114/3/20 typed by hand works as well).
document.addEventListener("change", (event) => {
  const picker = event.target;
  if (!(picker instanceof HTMLInputElement) || !picker.matches("input.picker[data-fills]")) return;
  const box = document.getElementById(picker.dataset.fills);
  if (box && picker.value) box.value = picker.value;
});
