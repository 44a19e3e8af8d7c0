// The review page works without this; it only keeps the two columns in step.
document.addEventListener("DOMContentLoaded", () => {
  // Going to a sentence or a card from the other column scrolls it into view and flashes it.
  document.querySelectorAll(".review a[href^='#']").forEach((link) => {
    link.addEventListener("click", () => {
      const target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      const box = target.closest("details");
      if (box) box.open = true;
      window.setTimeout(() => {
        target.scrollIntoView({ block: "center" });
        target.classList.add("flash");
        window.setTimeout(() => target.classList.remove("flash"), 1500);
      }, 0);
    });
  });
});
