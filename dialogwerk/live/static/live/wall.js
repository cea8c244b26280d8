/* The wall: new cards appear within a second, grouped by theme and kind; dots re-rank live; a card can be
   enlarged; a dropped socket reconnects and catches up on what it missed, without a reload. */
(function () {
  "use strict";
  var live = window.DialogwerkLive;
  var cfg = live.config();
  if (!cfg) return;
  var S = cfg.strings;
  var counts = {};
  var cardSeq = {};  // the newest event applied per card: an older one arriving late changes nothing
  var tallyAsOf = 0;  // snapshots of the dots may come from several app processes: keep the newest
  Object.keys(cfg.counts || {}).forEach(function (id) { counts[id] = cfg.counts[id]; });
  var voting = cfg.voting;
  var wallLanguages = cfg.wallLanguages || ["de"];
  var clusterTitles = cfg.clusterTitles || {};  // a vote over clusters ranks clusters, shown by their titles
  var status = document.getElementById("wall-connection");

  function fmt(text, values) {
    return Object.keys(values).reduce(function (t, k) { return t.replace("%(" + k + ")s", values[k]); }, text);
  }

  function cardNode(card) {
    var li = document.createElement("li");
    li.className = "wall-card live-card-" + card.kind;
    li.dataset.card = card.id;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "wall-card-button";
    button.setAttribute("data-enlarge", "");
    var no = document.createElement("span");
    no.className = "wall-card-no";
    no.textContent = "#" + card.id;
    var text = document.createElement("span");
    text.className = "wall-card-text";
    text.dir = "auto";
    text.lang = card.language || "de";
    text.textContent = card.text;
    button.append(no, " ", text);
    // Under a card written in another language: its translations into the wall's languages.
    var translations = card.translations || {};
    wallLanguages.forEach(function (code) {
      var t = translations[code];
      if (!t || code === (card.language || "de")) return;
      var span = document.createElement("span");
      span.className = "wall-card-translation";
      span.dir = "auto";
      span.lang = code;
      span.textContent = t.text;
      button.append(" ", span);
      if (t.status === "machine") {
        var mark = document.createElement("span");
        mark.className = "wall-card-machine";
        mark.textContent = S.machine;
        button.append(" ", mark);
      }
    });
    if (card.author) {
      var author = document.createElement("span");
      author.className = "wall-card-author";
      var bdi = document.createElement("bdi");
      bdi.textContent = card.author;
      author.append("– ", bdi);
      button.append(" ", author);
    }
    li.append(button);
    return li;
  }

  function upsertCard(card) {
    var old = document.querySelector('.wall-card[data-card="' + card.id + '"]');
    if (!card.visible) {
      if (old) old.remove();
      if (!overClusters()) { delete counts[card.id]; renderRanking(); }
      return;
    }
    var list = document.querySelector('.wall-theme[data-theme="' + card.theme + '"] .wall-kind[data-kind="' + card.kind + '"] .wall-cards');
    if (!list) return;
    var node = cardNode(card);
    if (old) { old.replaceWith(node); if (node.parentElement !== list) list.append(node); }
    else {
      node.classList.add("is-new");
      list.append(node);
      setTimeout(function () { node.classList.remove("is-new"); }, 8000);
    }
  }

  function overClusters() { return !!voting && voting.subject === "clusters"; }

  function cardText(id) {
    if (overClusters()) return clusterTitles[id] || "#" + id;
    var node = document.querySelector('.wall-card[data-card="' + id + '"] .wall-card-text');
    return node ? node.textContent : "#" + id;
  }

  function cardLang(id) {
    if (overClusters()) return "de";
    var node = document.querySelector('.wall-card[data-card="' + id + '"] .wall-card-text');
    return node ? node.lang : "de";
  }

  function renderRanking() {
    var aside = document.getElementById("wall-ranking");
    var list = document.getElementById("ranking-list");
    var note = document.getElementById("ranking-note");
    if (!voting) { aside.hidden = true; return; }
    aside.hidden = false;
    note.textContent = voting.ranking_visible ? "" : S.hidden;
    list.textContent = "";
    if (!voting.ranking_visible) return;
    Object.keys(counts)
      .filter(function (id) { return counts[id] > 0; })
      .sort(function (a, b) { return counts[b] - counts[a] || Number(a) - Number(b); })
      .slice(0, 15)
      .forEach(function (id) {
        var li = document.createElement("li");
        li.dataset[overClusters() ? "cluster" : "card"] = id;
        var dots = document.createElement("span");
        dots.className = "wall-rank-dots";
        dots.textContent = fmt(counts[id] === 1 ? S.dotOne : S.dots, { count: counts[id] });
        var text = document.createElement("span");
        text.dir = "auto";
        text.lang = cardLang(id);
        var full = cardText(id);
        text.textContent = full.length > 90 ? full.slice(0, 89) + "…" : full;
        li.append(dots, " ", text);
        list.append(li);
      });
  }

  function setVoting(data) {
    if (!voting || voting.id !== data.id) tallyAsOf = 0;
    voting = data;
    counts = {};
    clusterTitles = {};
    (data.clusters || []).forEach(function (cluster) { clusterTitles[cluster.id] = cluster.title; });
    (data.ranking || []).forEach(function (place) { counts[overClusters() ? place.cluster : place.contribution] = place.dots; });
    var heading = document.getElementById("ranking-heading");
    heading.textContent = heading.textContent.split(":")[0] + ": " + data.title;
    renderRanking();
  }

  function onEvent(event) {
    var data = event.data || {};
    if (event.kind === "card") {
      if ((cardSeq[data.id] || 0) > event.id) return;
      cardSeq[data.id] = event.id;
      upsertCard(data);
    } else if (event.kind === "tally") {
      if (voting && data.voting === voting.id && data.as_of >= tallyAsOf) {
        tallyAsOf = data.as_of;
        if (data.counts) { counts = {}; Object.keys(data.counts).forEach(function (id) { counts[id] = data.counts[id]; }); }
        renderRanking();
      }
    } else if (event.kind === "vote.opened" || event.kind === "vote.closed") setVoting(data);
    else if (event.kind === "session") live.drawStep(data, S, "de");
    else if (event.kind === "wall") location.reload();  // the wall's languages changed: rare, draw it anew
  }

  live.connect(cfg.ws, cfg.lastEventId, {
    onEvent: onEvent,
    onState: function (state) {
      status.dataset.state = state;
      status.textContent = state === "open" ? S.connected : S.reconnecting;
    }
  });
  live.startTimer(S.remaining, S.paused);

  // Filter by theme.
  document.querySelectorAll("[data-filter]").forEach(function (button) {
    button.addEventListener("click", function () {
      var theme = button.dataset.filter;
      document.querySelectorAll("[data-filter]").forEach(function (other) {
        var on = other === button;
        other.setAttribute("aria-pressed", on ? "true" : "false");
        other.classList.toggle("button-secondary", !on);
      });
      document.querySelectorAll(".wall-theme").forEach(function (section) {
        section.hidden = theme !== "" && section.dataset.theme !== theme;
      });
      document.getElementById("wall-themes").classList.toggle("is-filtered", theme !== "");
    });
  });

  // Enlarge a card.
  var dialog = document.getElementById("wall-enlarged");
  document.getElementById("wall-themes").addEventListener("click", function (event) {
    var button = event.target.closest("[data-enlarge]");
    if (!button) return;
    var li = button.closest(".wall-card");
    var text = li.querySelector(".wall-card-text");
    var out = document.getElementById("wall-enlarged-text");
    out.textContent = text.textContent;
    out.lang = text.lang || "";
    var kind = li.closest(".wall-kind").querySelector(".wall-kind-title").textContent;
    var theme = li.closest(".wall-theme").querySelector("h2").textContent;
    document.getElementById("wall-enlarged-meta").textContent = "#" + li.dataset.card + " · " + kind + " · " + theme;
    dialog.showModal();
  });
  renderRanking();
})();
