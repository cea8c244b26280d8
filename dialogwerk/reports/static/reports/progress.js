// Documents page: poll the status of documents being generated and show their progress.
(function () {
  "use strict";
  function poll(item) {
    var url = item.getAttribute("data-status-url");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var bar = item.querySelector(".document-progress");
        if (bar) { bar.value = data.progress; bar.textContent = data.progress + " %"; }
        var status = item.querySelector(".document-status");
        if (status) { status.textContent = data.status_label; }
        var step = item.querySelector(".document-step");
        if (step) { step.textContent = data.step; }
        if (data.finished) {
          if (bar) { bar.remove(); }
          var wait = item.querySelector(".document-wait");
          if (wait) { wait.remove(); }
          if (data.download) {
            var link = item.querySelector(".document-download");
            if (link) { link.classList.remove("is-hidden"); }
          }
          if (data.status === "failed") { window.location.reload(); }
          return;
        }
        window.setTimeout(function () { poll(item); }, 1000);
      })
      .catch(function () { window.setTimeout(function () { poll(item); }, 3000); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-status-url]").forEach(poll);
  });
})();
