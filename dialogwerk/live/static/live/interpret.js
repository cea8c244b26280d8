/* The interpreter's page: a new card in the chosen language joins the queue by itself, unless the
   interpreter is typing (then a note says so, and the next save brings it). */
(function () {
  "use strict";
  var live = window.DialogwerkLive;
  var cfg = live.config();
  if (!cfg) return;
  var note = document.getElementById("interpret-new");
  var waiting = 0;

  function typing() {
    return Array.prototype.some.call(document.querySelectorAll("#interpret-queue textarea"), function (box) {
      return box.value !== box.defaultValue || box === document.activeElement;
    });
  }

  function onEvent(event) {
    if (event.kind !== "card" || !event.data) return;
    var queued = document.querySelector('#interpret-queue [data-card="' + event.data.id + '"]');
    if (!queued && event.data.language !== cfg.language && event.data.language !== "de") return;
    if (typing()) {
      waiting += 1;
      note.textContent = note.dataset.template ? note.dataset.template.replace("%(count)s", waiting) : "";
      return;
    }
    waiting = 0;
    note.textContent = "";
    live.refresh(["interpret-queue"]);
  }
  note.dataset.template = cfg.newCards || "";
  live.connect(cfg.ws, cfg.lastEventId, { onEvent: onEvent });
})();
