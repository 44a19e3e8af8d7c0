/* The admin as assistive technology needs it: the fields of a tabular inline (sessions of a
 * meeting) named after their column's heading, the autocomplete boxes' (select2) search field
 * named after its field's label, and their "clear all" cross kept out of the list of choices
 * (a <ul> holds only <li>). Applied again whenever the page redraws a box or adds a row. */
(function () {
  "use strict";

  function labelElement(container) {
    var select = container && container.previousElementSibling;
    if (!select || !select.id) { return null; }
    return document.querySelector('label[for="' + select.id + '"]');
  }

  function labelFor(container) {
    var label = labelElement(container);
    return label ? label.textContent.replace(/[:：]\s*$/, "").trim() : "";
  }

  function nameComboboxes(root) {
    // A single-choice box is named by what it shows, which is nothing while it is empty:
    // its field's label comes first.
    root.querySelectorAll(".select2-container .select2-selection[role=combobox]").forEach(function (box) {
      var label = labelElement(box.closest(".select2-container"));
      if (!label) { return; }
      if (!label.id) { label.id = label.htmlFor + "-label"; }
      var current = (box.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
      if (current[0] !== label.id) {
        box.setAttribute("aria-labelledby", [label.id].concat(current).join(" "));
      }
      var shown = box.querySelector(".select2-selection__rendered[role=textbox]");
      if (shown && !shown.hasAttribute("aria-label")) {
        shown.setAttribute("aria-label", label.textContent.replace(/[:：]\s*$/, "").trim());
      }
    });
  }

  function nameTabularFields(root) {
    root.querySelectorAll(".inline-group .tabular tbody td").forEach(function (cell) {
      var table = cell.closest("table");
      var headings = table && table.tHead && table.tHead.rows[0];
      var heading = headings && headings.cells[cell.cellIndex];
      var name = heading ? heading.textContent.trim() : "";
      if (!name) { return; }
      cell.querySelectorAll("input:not([type=hidden]):not([aria-label]), select:not([aria-label]), textarea:not([aria-label])")
        .forEach(function (field) {
          if (!field.labels || field.labels.length === 0) { field.setAttribute("aria-label", name); }
        });
    });
  }

  function repair(root) {
    nameTabularFields(root);
    nameComboboxes(root);
    root.querySelectorAll(".select2-container .select2-search__field:not([aria-label])").forEach(function (field) {
      var name = labelFor(field.closest(".select2-container"));
      if (name) { field.setAttribute("aria-label", name); }
    });
    root.querySelectorAll("ul.select2-selection__rendered > :not(li)").forEach(function (stray) {
      stray.parentNode.parentNode.insertBefore(stray, stray.parentNode);
    });
  }

  function start() {
    repair(document);
    new MutationObserver(function () { repair(document); })
      .observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
