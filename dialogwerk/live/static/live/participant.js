/* The participant page: cards and dots go into a queue kept in localStorage and are sent through the API
   with an idempotency key made here, so that nothing is lost on bad wifi and nothing is sent twice. */
(function () {
  "use strict";
  var live = window.DialogwerkLive;
  var cfg = live.config();
  if (!cfg) return;
  var S = cfg.strings;
  var QUEUE = "dwlive:" + cfg.code + ":queue";
  var flushing = false;
  var retryTimer = null;

  function newKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes); // works on plain http too, unlike crypto.randomUUID
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(QUEUE)) || []; } catch (e) { return []; }
  }
  function save(queue) { localStorage.setItem(QUEUE, JSON.stringify(queue)); }
  function fmt(text, values) {
    return Object.keys(values).reduce(function (t, k) { return t.replace("%(" + k + ")s", values[k]); }, text);
  }

  function showPending() {
    var out = document.getElementById("live-pending");
    var cards = load().filter(function (item) { return item.type === "card"; }).length;
    var all = load().length;
    if (!all) {
      if (!navigator.onLine) out.textContent = S.offlineNothing;
      else if (out.dataset.hadPending) out.textContent = S.allSent; // stays until the next card
      else if (out.textContent === S.offlineNothing) out.textContent = "";
      delete out.dataset.hadPending;
      out.classList.remove("is-pending");
      return;
    }
    out.dataset.hadPending = "1";
    out.classList.add("is-pending");
    var n = cards || all;
    out.textContent = (n === 1 ? S.pendingOne : fmt(S.pendingMany, { count: n })) + (navigator.onLine ? "" : " " + S.offline);
  }

  function request(item) {
    var headers = { "Authorization": "Bearer " + cfg.token, "Idempotency-Key": item.key, "Content-Type": "application/json" };
    if (item.type === "card") {
      return fetch(cfg.api + "/contributions", { method: "POST", headers: headers, body: JSON.stringify(item.body) });
    }
    if (item.type === "dot") {
      return fetch(cfg.api + "/votes", { method: "POST", headers: headers, body: JSON.stringify(item.cluster ? { cluster: item.card } : { contribution: item.card }) });
    }
    return fetch(cfg.api + "/votes/" + item.card, { method: "DELETE", headers: headers });
  }

  function scheduleRetry() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () { retryTimer = null; flush(); }, 3000);
  }

  function flush() {
    if (flushing) return;
    var queue = load();
    if (!queue.length) { showPending(); return; }
    flushing = true;
    var item = queue[0];
    request(item)
      .then(function (response) {
        if (response.status >= 500 || response.status === 429) throw new Error("server busy");
        return response.json().catch(function () { return {}; }).then(function (data) {
          save(load().filter(function (other) { return other.key !== item.key; }));
          done(item, response.status, data);
        });
      })
      .then(function () { flushing = false; showPending(); flush(); })
      .catch(function () { flushing = false; showPending(); scheduleRetry(); });
  }

  function done(item, status, data) {
    var ok = status >= 200 && status < 300;
    if (item.type === "card") {
      var pending = document.querySelector('#my-card-list [data-key="' + item.key + '"]');
      if (ok && pending) {
        pending.removeAttribute("data-key");
        pending.dataset.card = data.id;
        var marker = pending.querySelector(".live-waiting");
        if (marker) marker.remove();
      } else if (!ok) {
        if (pending) pending.remove();
        showError(data.detail || "");
        var text = document.getElementById("id_text");
        if (text && !text.value) text.value = item.body.text; // give the words back to fix them
      }
    } else if (!ok) {
      showError(data.detail || "");
      resyncDots();
    } else if (typeof data.dots_left === "number") {
      setDotsLeft(data.dots_left);
    }
  }

  function showError(message) {
    var box = document.getElementById("card-form-error");
    if (!box || !message) return;
    box.textContent = message;
    box.hidden = false;
  }

  // --- the card form ---
  var form = document.getElementById("card-form");
  var textArea = document.getElementById("id_text");
  var counter = document.getElementById("text-count");
  function updateCounter() {
    if (counter && textArea) counter.textContent = fmt(S.chars, { count: textArea.value.length, max: textArea.maxLength });
  }
  if (textArea) { textArea.addEventListener("input", updateCounter); updateCounter(); }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var kind = form.querySelector("input[name=kind]:checked");
      var theme = form.querySelector("select[name=theme]");
      var body = { kind: kind ? kind.value : "", theme: theme ? Number(theme.value) : null, text: textArea.value.trim() };
      var box = document.getElementById("card-form-error");
      box.hidden = true;
      if (!body.kind || !body.text) {
        showError(!body.kind ? S.chooseKind : S.emptyText);
        (!body.kind ? form.querySelector("input[name=kind]") : textArea).focus();
        return;
      }
      var item = { type: "card", key: newKey(), body: body };
      var queue = load();
      queue.push(item);
      save(queue);
      addMyCard(item);
      textArea.value = "";
      updateCounter();
      showPending();
      flush();
      textArea.focus();
    });
  }

  function addMyCard(item) {
    var list = document.getElementById("my-card-list");
    var empty = document.getElementById("no-cards-yet");
    if (empty) empty.remove();
    var li = document.createElement("li");
    li.className = "live-card live-card-" + item.body.kind;
    li.dataset.key = item.key;
    var kind = document.createElement("span");
    kind.className = "live-card-kind";
    kind.textContent = cfg.kinds[item.body.kind] || item.body.kind;
    var text = document.createElement("span");
    text.dir = "auto";
    text.lang = item.body.language || cfg.language;  // stored in the writer's language unless the card names one
    text.textContent = item.body.text;
    var waiting = document.createElement("em");
    waiting.className = "live-waiting";
    waiting.textContent = "(" + S.waiting + ")";
    li.append(kind, " ", text, " ", waiting);
    list.prepend(li);
  }
  load().forEach(function (item) { if (item.type === "card") addMyCard(item); });

  // --- dots ---
  function setDotsLeft(n) {
    var out = document.getElementById("dots-left");
    if (out) { out.textContent = fmt(S.dotsLeft, { count: n }); out.dataset.left = n; }
  }
  function resyncDots() {
    fetch(cfg.api + "/me", { headers: { "Authorization": "Bearer " + cfg.token } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (me) {
        if (!me) return;
        setDotsLeft(me.dots_left);
        document.querySelectorAll(".live-option").forEach(function (li) { setMine(li, me.dots[li.dataset.card] || 0); });
      })
      .catch(function () {});
  }
  function setMine(li, n) {
    li.dataset.mine = n;
    var out = li.querySelector(".live-my-dots");
    if (out) out.textContent = fmt(S.yourDots, { count: n });
  }
  document.addEventListener("submit", function (event) {
    var dotForm = event.target.closest(".live-dot-form");
    if (!dotForm) return;
    event.preventDefault();
    var action = event.submitter ? event.submitter.value : "dot";
    var li = dotForm.closest(".live-option");
    var mine = Number(li.dataset.mine || 0);
    var leftNode = document.getElementById("dots-left");
    var left = Number(leftNode.dataset.left !== undefined ? leftNode.dataset.left : leftNode.dataset.budget);
    if (action === "dot") { setMine(li, mine + 1); setDotsLeft(left - 1); }
    else if (mine > 0) { setMine(li, mine - 1); setDotsLeft(left + 1); }
    else return;
    var queue = load();
    // In a vote over clusters the option is a cluster (data-card then holds the cluster's id).
    queue.push({ type: action, key: newKey(), card: Number(li.dataset.card), cluster: li.dataset.subject === "cluster" });
    save(queue);
    showPending();
    flush();
  });

  /* The card in the reader's language where a translation exists, the original one tap away. */
  function optionBody(card) {
    var own = card.language || "de";
    var t = cfg.language !== own ? (card.translations || {})[cfg.language] : null;
    var body = document.createElement("div");
    body.className = "live-option-body";
    var text = document.createElement("p");
    text.className = "live-option-text";
    text.dir = "auto";
    text.lang = t ? cfg.language : own;
    text.textContent = t ? t.text : card.text;
    body.append(text);
    if (!t) return body;
    if (t.status === "machine") {
      var mark = document.createElement("p");
      mark.className = "live-machine";
      mark.textContent = S.machine;
      body.append(mark);
    }
    var details = document.createElement("details");
    details.className = "live-original";
    var summary = document.createElement("summary");
    summary.textContent = S.showOriginal;
    var original = document.createElement("p");
    original.dir = "auto";
    original.lang = own;
    original.textContent = card.text;
    details.append(summary, original);
    body.append(details);
    return body;
  }

  /* An option of the vote as the page renders it: a card (in the reader's language) or a cluster. */
  function optionNode(option, subject) {
    var li = document.createElement("li");
    li.className = "live-option";
    li.dataset.card = option.id;
    li.dataset.mine = option.my_dots || 0;
    var text;
    var meta = document.createElement("p");
    meta.className = "live-option-meta";
    var mine = document.createElement("span");
    mine.className = "live-my-dots";
    mine.textContent = fmt(S.yourDots, { count: option.my_dots || 0 });
    if (subject === "clusters") {
      li.dataset.subject = "cluster";
      text = document.createElement("p");
      text.className = "live-option-text";
      text.dir = "auto";
      text.lang = option.title_language || "de";
      text.textContent = option.title;
      meta.append(option.meta + " · ", mine);
    } else {
      text = optionBody(option);
      meta.append((cfg.kinds[option.kind] || "") + " · " + (cfg.themes[option.theme] || "") + " · ", mine);
    }
    var f = document.createElement("form");
    f.method = "post";
    f.className = "live-dot-form";
    var shown = text.classList.contains("live-option-text") ? text : text.querySelector(".live-option-text");
    [["dot", S.addDot, "button button-small"], ["undot", S.removeDot, "button button-small button-secondary"]].forEach(function (b) {
      var button = document.createElement("button");
      button.type = "submit";
      button.name = "action";
      button.value = b[0];
      button.className = b[2];
      button.textContent = b[1];
      var hiddenLabel = document.createElement("span");
      hiddenLabel.className = "visually-hidden";
      var words = document.createElement("span");
      words.lang = shown.lang;
      words.textContent = shown.textContent.slice(0, 40);
      hiddenLabel.append(": ", words);
      button.append(hiddenLabel);
      f.append(button, " ");
    });
    li.append(text, meta, f);
    return li;
  }

  /* The vote's options come a page at a time: the next page when asked for, in place. */
  function loadOptions(offset) {
    var section = document.getElementById("vote-section");
    var votingId = section.dataset.voting;
    return fetch(cfg.api + "/options?offset=" + offset, { headers: { "Authorization": "Bearer " + cfg.token } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (page) {
        if (!page || section.dataset.voting !== votingId) return;  // the vote closed meanwhile
        var list = section.querySelector(".live-options");
        page.options.forEach(function (option) {
          if (!list.querySelector('.live-option[data-card="' + option.id + '"]')) list.append(optionNode(option, page.subject));
        });
        setMore(page.offset + page.options.length, page.total);
        if (!list.children.length) list.append(para("empty-state", S.noOptions));
      })
      .catch(function () { /* offline: the link still works, and the next vote event redraws */ });
  }

  /* "Weitere anzeigen" while options after `next` exist. */
  function setMore(next, total) {
    var section = document.getElementById("vote-section");
    var more = document.getElementById("more-options");
    if (next >= total) { if (more) more.remove(); return; }
    if (!more) {
      more = document.createElement("a");
      more.id = "more-options";
      more.className = "button button-secondary";
      more.textContent = S.showMore;
      section.querySelector(".live-more").append(more);
    }
    more.href = "?weitere=" + next + "#vote-section";
    more.dataset.offset = next;
  }

  /* During a vote over all cards the room keeps writing: the phone hears how many options there are now,
     and offers the new ones (loading them is the participant's choice, not 1,000 phones' at once). */
  function optionsCount(data) {
    var section = document.getElementById("vote-section");
    if (section.dataset.voting !== String(data.voting) || document.getElementById("more-options")) return;
    var loaded = section.querySelectorAll(".live-options .live-option").length;
    if (data.total > loaded) setMore(loaded, data.total);
  }

  document.addEventListener("click", function (event) {
    var more = event.target.closest("#more-options");
    if (!more) return;
    event.preventDefault();
    loadOptions(Number(more.dataset.offset));
  });

  /* A vote opened: draw it from the event (its question in the reader's language), then its first page. */
  function openVote(vote) {
    var section = document.getElementById("vote-section");
    section.textContent = "";
    section.dataset.voting = vote.id;
    section.dataset.subject = vote.subject;
    section.dataset.allCards = vote.all_cards ? "true" : "false";
    var heading = document.createElement("h2");
    heading.id = "vote-heading";
    var mine = (vote.translations || {})[cfg.language] || {};
    heading.lang = mine.title ? cfg.language : "de";
    heading.dir = "auto";
    heading.textContent = mine.title || vote.title;
    var left = para("live-dots-left", "");
    left.id = "dots-left";
    left.dataset.budget = vote.budget;
    left.setAttribute("role", "status");
    left.setAttribute("aria-live", "polite");
    var list = document.createElement("ul");
    list.className = "live-options";
    var more = document.createElement("p");
    more.className = "live-more";
    section.append(heading, left, list, more);
    setDotsLeft(vote.budget);
    section.hidden = false;
    // Every phone asks at once otherwise: spread the first page over a second and a half.
    setTimeout(function () { loadOptions(0); }, Math.random() * 1500);
  }

  function closeVote(vote) {
    var section = document.getElementById("vote-section");
    if (section.dataset.voting !== String(vote.id)) return;
    section.hidden = true;
    section.textContent = "";
    section.dataset.voting = "";
  }

  // --- following the room ---
  function para(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.dir = "auto";
    p.textContent = text;
    return p;
  }

  function drawStep(state) {
    live.drawStep(state, S, cfg.language);
    drawSeat(state);
    // Once the event has ended there is nothing more to write or vote on.
    if (state.status === "closed") {
      document.querySelectorAll(".live-write, #vote-section").forEach(function (node) { node.hidden = true; });
    }
  }

  /* In a World-Café round with a table plan: the participant's table this round, from their route. */
  function drawSeat(state) {
    var seat = document.getElementById("live-seat");
    if (!seat) return;
    var current = state.current_step;
    var round = null;
    if (current && current.kind === "round" && state.status !== "closed") {
      round = state.steps.slice(0, current.index + 1).filter(function (s) { return s.kind === "round"; }).length;
    }
    var now = seat.querySelector(".live-seat-now");
    if (now) now.remove();
    seat.querySelectorAll("[data-round]").forEach(function (li) {
      var here = round !== null && Number(li.dataset.round) === round;
      li.classList.toggle("seating-route-now", here);
      if (here) {
        li.setAttribute("aria-current", "step");
        var strong = document.createElement("strong");
        strong.append.apply(strong, Array.prototype.map.call(li.childNodes, function (n) { return n.cloneNode(true); }));
        var p = para("live-seat-now", "");
        p.append(strong);
        seat.prepend(p);
      } else {
        li.removeAttribute("aria-current");
      }
    });
  }

  function onEvent(event) {
    if (event.kind === "session") {
      drawStep(event.data);
    } else if (event.kind === "options") {
      optionsCount(event.data);
    } else if (event.kind === "vote.opened") {
      openVote(event.data);
    } else if (event.kind === "vote.closed") {
      closeVote(event.data);
    }
  }
  live.connect(cfg.ws, cfg.lastEventId, { onEvent: onEvent }, { phone: true });
  live.startTimer(S.remaining, S.paused);

  window.addEventListener("online", function () { showPending(); flush(); });
  window.addEventListener("offline", showPending);
  showPending();
  flush();
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register(cfg.serviceWorker, { scope: "/j/" }).catch(function () {});
    // This first load did not pass through the service worker: keep the page now, so that a reload
    // without network right after joining still opens it.
    if (window.caches) caches.open(cfg.offlineCache).then(function (cache) { return cache.add(location.pathname); }).catch(function () {});
  }
})();
