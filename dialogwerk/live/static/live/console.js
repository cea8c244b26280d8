/* The console follows the session too: the step and its timer, who sits where this round, and the card
   list — new, edited, hidden and merged cards show up without a reload, as on the wall. */
(function () {
  "use strict";
  var live = window.DialogwerkLive;
  var cfg = live.config();
  if (!cfg) return;
  var step = document.getElementById("live-step");
  var pending = null;
  var wanted = {};

  /* Several events in a burst (a busy room) cause one fetch of the page, not one each. */
  function refreshSoon(ids) {
    ids.forEach(function (id) { wanted[id] = true; });
    if (pending) return;
    pending = setTimeout(function () {
      var list = Object.keys(wanted);
      wanted = {};
      pending = null;
      live.refresh(list);
    }, 300);
  }

  live.startTimer(step ? step.dataset.remainingTemplate || "%(minutes)s:%(seconds)s" : "", "‖");
  live.connect(cfg.ws, cfg.lastEventId, {
    onEvent: function (event) {
      if (event.kind === "session") refreshSoon(["live-step", "console-tables"]);
      else if (event.kind === "card") refreshSoon(["console-cards"]);
    }
  });
})();
