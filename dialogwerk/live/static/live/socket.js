/* The live socket shared by the wall, the participant page and the console: reconnects on its own and
   asks for what it missed (?since=<last event id>); events it has seen are dropped. Also the step timer. */
(function () {
  "use strict";

  function config() {
    var node = document.getElementById("live-config");
    return node ? JSON.parse(node.textContent) : null;
  }

  /* handlers: onEvent(event), and optionally onState("open"|"closed"), onCaughtUp(id).
     options.phone: this screen gets only the phone's events (?for=phone); each names the one before it
     ("prev"), so a gap is told from events that were never meant for a phone. */
  function connect(path, lastId, handlers, options) {
    var phone = !!(options && options.phone);
    var last = lastId || 0;
    var delay = 500;
    var socket = null;
    var closedByUs = false;
    var ahead = {};  // events that came before their predecessor: id → the id before it
    var gapTimer = null;

    function prevOf(event) { return phone && typeof event.prev === "number" ? event.prev : event.id - 1; }

    function fillGapSoon() {
      if (gapTimer) return;
      gapTimer = setTimeout(function () {
        gapTimer = null;
        var until = Math.max.apply(null, Object.keys(ahead).map(function (id) { return ahead[id]; }));
        // Broadcasts may overtake each other: if the missing ones did not come within a second, ask for
        // exactly that range.
        if (until > last && socket && socket.readyState === 1) {
          socket.send(JSON.stringify({ type: "since", id: last, until: until }));
        }
      }, 1000);
    }

    function receive(event) {
      if (event.kind === "caught_up" || event.kind === "pong") {
        if (event.kind === "caught_up" && handlers.onCaughtUp) handlers.onCaughtUp(event.id);
        return;
      }
      if (typeof event.id === "number") {
        if (event.id <= last || ahead[event.id] !== undefined) return; // seen already (e.g. around a reconnect)
        if (prevOf(event) <= last) {
          last = event.id;
          var next = true;
          while (next) {  // events that waited for this one
            next = false;
            for (var id in ahead) {
              if (ahead[id] <= last) { if (Number(id) > last) last = Number(id); delete ahead[id]; next = true; }
            }
          }
        } else {
          // A gap: use this one now and ask for the missing ones if they do not arrive on their own.
          ahead[event.id] = prevOf(event);
          fillGapSoon();
        }
      }
      handlers.onEvent(event);
    }

    // While the socket is down (the server's Redis is away, a proxy drops WebSockets), ask for new events
    // over HTTP every few seconds: the same events, numbered the same way, so nothing is shown twice.
    var eventsUrl = path.replace("/ws/live/", "/api/v1/live/") + "events";
    var pollTimer = null;
    function socketOpen() { return socket && socket.readyState === 1; }
    function pollSoon() {
      if (pollTimer || closedByUs) return;
      pollTimer = setTimeout(function () {
        fetch(eventsUrl + "?since=" + last + (phone ? "&for=phone" : ""), { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (events) { if (!socketOpen()) events.forEach(receive); })
          .catch(function () { /* offline: try again */ })
          .then(function () { pollTimer = null; if (!socketOpen()) pollSoon(); });
      }, 3000);
    }

    function open() {
      var scheme = location.protocol === "https:" ? "wss://" : "ws://";
      socket = new WebSocket(scheme + location.host + path + "?since=" + last + (phone ? "&for=phone" : ""));
      socket.onopen = function () {
        delay = 500;
        if (handlers.onState) handlers.onState("open");
      };
      socket.onmessage = function (message) {
        var data;
        try { data = JSON.parse(message.data); } catch (e) { return; }
        // Several events that queued up for this screen come as one frame, a list.
        (Array.isArray(data) ? data : [data]).forEach(receive);
      };
      socket.onclose = function () {
        if (closedByUs) return;
        if (handlers.onState) handlers.onState("closed");
        pollSoon();
        if (!navigator.onLine) return; // the "online" event reopens it
        setTimeout(open, delay + Math.random() * 500);
        delay = Math.min(delay * 2, 10000);
      };
      socket.onerror = function () { try { socket.close(); } catch (e) { /* already closed */ } };
    }
    open();
    // Phones sleep and venue wifi drops silently: a ping now and then notices a dead socket.
    setInterval(function () {
      if (socket && socket.readyState === 1) socket.send(JSON.stringify({ type: "ping" }));
    }, 25000);
    // A phone that lost its network keeps a dead socket for a long time: drop it at once, and reopen
    // (asking for what was missed) as soon as the network is back.
    // The screen says so at once: closing needs the network for its handshake, so onclose may come late.
    window.addEventListener("offline", function () {
      if (!socket || socket.readyState > 1) return;
      socket.close();
      if (handlers.onState) handlers.onState("closed");
      pollSoon();
    });
    window.addEventListener("online", function () {
      if (socket && socket.readyState === 3) { delay = 500; open(); }
    });
    return {
      lastId: function () { return last; },
      close: function () { closedByUs = true; socket.close(); }
    };
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* Counts down the step shown in #live-step; server time corrects a phone's wrong clock. */
  function startTimer(template, pausedLabel) {
    function tick() {
      var step = document.getElementById("live-step");
      var out = document.getElementById("live-timer");
      if (!step || !out) return;
      var remaining = null;
      if (step.dataset.endsAt) {
        var offset = step.dataset.offset;
        if (offset === undefined) {
          offset = String(Date.parse(step.dataset.serverTime) - Date.now());
          step.dataset.offset = offset;
        }
        remaining = Math.max(0, Math.round((Date.parse(step.dataset.endsAt) - (Date.now() + Number(offset))) / 1000));
      } else if (step.dataset.remaining) {
        remaining = Number(step.dataset.remaining);
      }
      if (remaining === null) { out.textContent = ""; return; }
      var text = template.replace("%(minutes)s", Math.floor(remaining / 60)).replace("%(seconds)s", pad(remaining % 60));
      out.textContent = step.dataset.status === "paused" ? text + " · " + pausedLabel : text;
    }
    tick();
    setInterval(tick, 1000);
  }

  function para(className, text, language) {
    var p = document.createElement("p");
    p.className = className;
    p.dir = "auto";
    if (language) p.lang = language;
    p.textContent = text;
    return p;
  }

  /* The step as the event tells it (#live-step), in the reader's language where translated (German, marked,
     else): drawn here, without asking the server for the page again. S: stepOf, paused, notStarted, closed. */
  function drawStep(state, S, language) {
    var old = document.getElementById("live-step");
    if (!old) return;
    var step = document.createElement("div");
    step.className = "live-step";
    step.id = "live-step";
    step.dataset.status = state.status;
    step.dataset.serverTime = state.server_time;
    if (old.dataset.offset !== undefined) step.dataset.offset = old.dataset.offset;  // the clock's offset, measured on load
    var current = state.current_step;
    if (state.status === "closed") {
      step.append(para("live-step-title", S.closed));
    } else if (current) {
      if (current.ends_at) step.dataset.endsAt = current.ends_at;
      if (current.remaining_seconds !== null && current.remaining_seconds !== undefined) step.dataset.remaining = current.remaining_seconds;
      var kicker = S.stepOf.replace("%(number)s", current.index + 1).replace("%(count)s", state.steps.length);
      if (state.status === "paused") kicker += " · " + S.paused;
      else if (state.status === "open") kicker += " · " + S.notStarted;
      step.append(para("live-step-kicker", kicker));
      var mine = (current.translations || {})[language] || {};
      step.append(para("live-step-title", mine.title || current.title, mine.title ? language : "de"));
      if (current.prompt) step.append(para("live-step-prompt", mine.prompt || current.prompt, mine.prompt ? language : "de"));
      var timer = para("live-timer", "");
      timer.id = "live-timer";
      timer.setAttribute("aria-live", "off");
      step.append(timer);
    }
    old.replaceWith(step);
  }

  /* Fetch this page again and swap the given elements: the server renders them in the right language. */
  function refresh(ids) {
    return fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        ids.forEach(function (id) {
          var fresh = doc.getElementById(id);
          var old = document.getElementById(id);
          if (fresh && old) {
            old.replaceWith(document.importNode(fresh, true));
          }
        });
      })
      .catch(function () { /* offline: the next event or reconnect brings it */ });
  }

  window.DialogwerkLive = { config: config, connect: connect, startTimer: startTimer, drawStep: drawStep, refresh: refresh };
})();
