// Shared by every page (loaded from base.html): an error summary takes the focus when a form comes back
// with errors, its links move the focus to the field itself, and a button or form carrying
// data-confirm="…" asks before it submits, and a form carrying data-unsaved-warning before the page is left
// with changes not saved. Without JavaScript the forms still work, only without asking.
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // A link to "#id_x" only scrolls; put the focus in the field (the first control of a group of
  // checkboxes or radio buttons) and show its label above it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    var control = target.matches("input, select, textarea, button") ? target : target.querySelector("input, select, textarea, button");
    if (!control) return;
    event.preventDefault();
    var label = control.id ? document.querySelector("label[for='" + CSS.escape(control.id) + "']") : null;
    var field = control.closest(".field, fieldset");
    (field || label || control).scrollIntoView({ block: "start" });
    control.focus({ preventScroll: true });
  });

  // Capture phase: asked before any page script that handles the same form's submit event.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = (event.submitter && event.submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  // A form carrying data-unsaved-warning asks before the page is left with typed changes not saved (the
  // browser shows its own, translated question). Saving, or typing nothing, leaves without asking.
  var changed = new Set();
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-unsaved-warning")) changed.add(form);
  });
  document.addEventListener("submit", function (event) { changed.delete(event.target); });
  window.addEventListener("beforeunload", function (event) {
    if (changed.size === 0) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
