/* The wall: new cards appear within a second, grouped by theme and kind; dots re-rank live; a card can be
   enlarged; a dropped socket reconnects and catches up on what it missed, without a reload. */
(function () {
  "use strict";
  var live = window.DialogwerkLive;
  var cfg = live.config();
  if (!cfg) return;
  var S = cfg.strings;
  var cardSeq = {};  // the newest event applied per card: an older one arriving late changes nothing
  var tallyAsOf = 0;  // snapshots of the dots may come from several app processes: keep the newest
  var voting = cfg.voting;
  var top = (cfg.tally && cfg.tally.top) || [];  // the ranking's places, with their words (from the snapshots)
  var wallLanguages = cfg.wallLanguages || ["de"];
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
      if (!overClusters()) { top = top.filter(function (place) { return place.id !== card.id; }); renderRanking(); }
      return;
    }
    var list = document.querySelector('.wall-theme[data-theme="' + card.theme + '"] .wall-kind[data-kind="' + card.kind + '"] .wall-cards');
    if (!list) return;
    var node = cardNode(card);
    if (old) { old.replaceWith(node); if (node.parentElement !== list) list.append(node); }
    else {
      node.classList.add("is-new");
      list.prepend(node);  // newest first, as the wall was drawn
      setTimeout(function () { node.classList.remove("is-new"); }, 8000);
    }
  }

  function overClusters() { return !!voting && voting.subject === "clusters"; }

  function renderRanking() {
    var aside = document.getElementById("wall-ranking");
    var list = document.getElementById("ranking-list");
    var note = document.getElementById("ranking-note");
    if (!voting) { aside.hidden = true; return; }
    aside.hidden = false;
    note.textContent = voting.ranking_visible ? "" : S.hidden;
    list.textContent = "";
    if (!voting.ranking_visible) return;
    top.forEach(function (place) {
      var li = document.createElement("li");
      li.dataset[overClusters() ? "cluster" : "card"] = place.id;
      var dots = document.createElement("span");
      dots.className = "wall-rank-dots";
      dots.textContent = fmt(place.dots === 1 ? S.dotOne : S.dots, { count: place.dots });
      var text = document.createElement("bdi");  // an Arabic card keeps its own direction beside "3 Punkte"
      text.dir = "auto";
      text.lang = place.language || "de";
      text.textContent = place.text.length > 90 ? place.text.slice(0, 89) + "…" : place.text;
      li.append(dots, " ", text);
      list.append(li);
    });
  }

  function setVoting(data) {
    if (!voting || voting.id !== data.id) { tallyAsOf = 0; top = []; }
    voting = data;
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
        top = data.top || [];
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

  // Show one theme ("" for all of them); its filter button is pressed.
  function showTheme(theme) {
    document.querySelectorAll("[data-filter]").forEach(function (other) {
      var on = other.dataset.filter === theme;
      other.setAttribute("aria-pressed", on ? "true" : "false");
      other.classList.toggle("button-secondary", !on);
    });
    document.querySelectorAll(".wall-theme").forEach(function (section) {
      section.hidden = theme !== "" && section.dataset.theme !== theme;
    });
    document.getElementById("wall-themes").classList.toggle("is-filtered", theme !== "");
  }

  // A full room: one theme at a time, turning by itself; a theme's button pins it, "all" shows every one.
  var rotateButton = document.getElementById("wall-rotate");
  var rotateTimer = null;
  var ROTATE_SECONDS = 20;
  function setRotating(on) {
    rotateButton.setAttribute("aria-pressed", on ? "true" : "false");
    rotateButton.classList.toggle("button-secondary", !on);
    clearInterval(rotateTimer);
    rotateTimer = null;
    if (!on) return;
    var themes = Array.prototype.map.call(document.querySelectorAll(".wall-theme"), function (section) { return section.dataset.theme; });
    var pressed = document.querySelector("[data-filter][aria-pressed=true]");
    showTheme(themes[Math.max(0, pressed ? themes.indexOf(pressed.dataset.filter) : 0)]);
    rotateTimer = setInterval(function () {
      var shown = document.querySelector(".wall-theme:not([hidden])");
      var next = (themes.indexOf(shown ? shown.dataset.theme : themes[0]) + 1) % themes.length;
      showTheme(themes[next]);
    }, ROTATE_SECONDS * 1000);
  }
  rotateButton.addEventListener("click", function () { setRotating(rotateButton.getAttribute("aria-pressed") !== "true"); });
  document.querySelectorAll("[data-filter]").forEach(function (button) {
    button.addEventListener("click", function () {
      setRotating(false);
      showTheme(button.dataset.filter);
    });
  });
  if ((cfg.visibleCards || 0) >= cfg.rotateFrom) setRotating(true);

  // A column shows its newest cards; the older ones come when asked for, ten at a time.
  document.getElementById("wall-themes").addEventListener("click", function (event) {
    var button = event.target.closest(".wall-older");
    if (!button) return;
    var column = button.closest(".wall-kind");
    var list = column.querySelector(".wall-cards");
    var cards = list.querySelectorAll(".wall-card");
    if (!cards.length) return;
    var query = "?thema=" + column.closest(".wall-theme").dataset.theme + "&art=" + column.dataset.kind + "&vor=" + cards[cards.length - 1].dataset.card;
    button.disabled = true;
    fetch(cfg.olderUrl + query, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (page) {
        button.disabled = false;
        if (!page) return;
        page.cards.forEach(function (card) {
          if (!list.querySelector('.wall-card[data-card="' + card.id + '"]')) list.append(cardNode(card));
        });
        if (page.remaining) button.textContent = fmt(S.older, { count: page.remaining });
        else button.remove();
      })
      .catch(function () { button.disabled = false; });
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
