// A page waiting for the task worker (an uploaded spreadsheet being read): ask until it is done, then show
// the result by loading the page again. Without JavaScript the "Show the result" link does the same.
(function () {
  "use strict";
  function ask(element, delay) {
    fetch(element.getAttribute("data-await-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && !data.reading) { window.location.reload(); return; }
        window.setTimeout(function () { ask(element, Math.min(delay * 1.5, 5000)); }, delay);
      })
      .catch(function () { window.setTimeout(function () { ask(element, 5000); }, 5000); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-await-url]").forEach(function (element) { ask(element, 700); });
  });
})();
