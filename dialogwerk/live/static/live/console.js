/* The console follows the session too: the step and its timer, who sits where this round, and the card
   list — new, edited, hidden and merged cards show up without a reload, as on the wall. */
(function () {
  "use strict";
  var live = window.DialogwerkLive;
  var cfg = live.config();
  if (!cfg) return;
  var step = document.getElementById("live-step");

  /* Several events in a burst (a busy room) cause one fetch, not one each: `flush` gets the keys collected. */
  function batched(flush) {
    var keys = {};
    var pending = null;
    return function (key) {
      keys[key] = true;
      if (pending) return;
      pending = setTimeout(function () {
        var list = Object.keys(keys);
        keys = {};
        pending = null;
        flush(list);
      }, 300);
    };
  }

  var refreshOnce = batched(live.refresh);
  function refreshSoon(ids) { ids.forEach(refreshOnce); }

  /* A card event brings that card's row alone (new rows on top: the list is newest first), not the whole
     console with every card; without a list yet (the first card) the section is fetched as before. */
  var cardRowsOnce = batched(function (ids) {
    var rows = document.getElementById("console-card-rows");
    var query = ids.map(function (each) { return "id=" + encodeURIComponent(each); }).join("&");
    fetch(cfg.cardRows + "?" + query, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var doc = new DOMParser().parseFromString("<table><tbody>" + html + "</tbody></table>", "text/html");
        var fresh = Array.prototype.slice.call(doc.querySelectorAll("tbody > tr"));
        fresh.reverse().forEach(function (row) {  // oldest first, so the newest ends on top
          var old = document.getElementById(row.id);
          var imported = document.importNode(row, true);
          if (old) old.replaceWith(imported);
          else rows.prepend(imported);
        });
      })
      .catch(function () { /* offline: the next event or reconnect brings it */ });
  });
  function cardRowsSoon(id) {
    if (!document.getElementById("console-card-rows") || !cfg.cardRows || !id) refreshSoon(["console-cards"]);
    else cardRowsOnce(id);
  }

  live.startTimer(step ? step.dataset.remainingTemplate || "%(minutes)s:%(seconds)s" : "", "‖");
  live.connect(cfg.ws, cfg.lastEventId, {
    onEvent: function (event) {
      if (event.kind === "session") refreshSoon(["live-step", "console-tables"]);
      else if (event.kind === "card") cardRowsSoon(event.data && event.data.id);
    }
  });
})();
