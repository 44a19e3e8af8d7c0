// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Ask before revoking a feed address.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  // Select a new feed address on focus so it is easy to copy.
  document.querySelectorAll("[data-select-on-focus]").forEach((input) => {
    input.addEventListener("focus", () => input.select());
  });
  // On a phone, unused filters start folded so the list is on the first screen.
  if (window.matchMedia("(max-width: 40rem)").matches) {
    document.querySelectorAll("details[data-collapse-on-phone]").forEach((box) => {
      box.open = false;
    });
  }
  // Filters: apply a changed select at once (the Filter button stays for keyboard users).
  document.querySelectorAll("form.filters select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
});

// After htmx answers a list line in place, move the focus to what it says (a notice or an
// error), so keyboard and screen-reader users hear the outcome.
document.addEventListener("htmx:afterSettle", (event) => {
  const id = event.detail.target && event.detail.target.id;
  const line = id ? document.getElementById(id) : null;
  const said = line && line.querySelector(".row-notice, .errors");
  if (said) {
    said.setAttribute("tabindex", "-1");
    said.focus();
  }
});

// The time-zone menu's search box: type a city, a country or "UTC+8"; the menu keeps the
// matching zones (and the chosen one).
document.querySelectorAll("input.zone-search[data-filters]").forEach((box) => {
  const select = document.getElementById(box.dataset.filters);
  if (!select) return;
  box.hidden = false;
  box.addEventListener("input", () => {
    const words = box.value.trim().toLowerCase().replace("utc+0", "utc+").split(/\s+/);
    select.querySelectorAll("optgroup").forEach((group) => {
      let shown = 0;
      group.querySelectorAll("option").forEach((option) => {
        const text = `${option.textContent} ${option.value}`.toLowerCase().replace("utc+0", "utc+");
        option.hidden = !option.selected && !words.every((word) => text.includes(word));
        if (!option.hidden) shown += 1;
      });
      group.hidden = shown === 0;
    });
  });
});

// Copy buttons (the calendar feed address): shown only where the clipboard can be written.
document.querySelectorAll("button[data-copy]").forEach((button) => {
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.value);
      button.textContent = button.dataset.copied;
    } catch {
      source.select();
    }
    window.setTimeout(() => { button.textContent = label; }, 2000);
  });
});

