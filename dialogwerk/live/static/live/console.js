/* The console follows the session too: the step and its timer, and a note when new cards arrived. */
(function () {
  "use strict";
  var live = window.DialogwerkLive;
  var cfg = live.config();
  if (!cfg) return;
  var step = document.getElementById("live-step");
  live.startTimer(step ? step.dataset.remainingTemplate || "%(minutes)s:%(seconds)s" : "", "‖");
  live.connect(cfg.ws, null, {
    onEvent: function (event) {
      if (event.kind === "session") live.refresh(["live-step"]);
    }
  });
})();
