/* The live socket shared by the wall, the participant page and the console: reconnects on its own and
   asks for what it missed (?since=<last event id>); events it has seen are dropped. Also the step timer. */
(function () {
  "use strict";

  function config() {
    var node = document.getElementById("live-config");
    return node ? JSON.parse(node.textContent) : null;
  }

  function connect(path, lastId, handlers) {
    var last = lastId || 0;
    var delay = 500;
    var socket = null;
    var closedByUs = false;
    var ahead = {};
    var gapTimer = null;

    function fillGapSoon() {
      if (gapTimer) return;
      gapTimer = setTimeout(function () {
        gapTimer = null;
        if (Object.keys(ahead).length && socket && socket.readyState === 1) {
          socket.send(JSON.stringify({ type: "since", id: last }));
        }
      }, 1000);
    }

    function open() {
      var scheme = location.protocol === "https:" ? "wss://" : "ws://";
      socket = new WebSocket(scheme + location.host + path + "?since=" + last);
      socket.onopen = function () {
        delay = 500;
        if (handlers.onState) handlers.onState("open");
      };
      socket.onmessage = function (message) {
        var event;
        try { event = JSON.parse(message.data); } catch (e) { return; }
        if (event.kind === "caught_up" || event.kind === "pong") {
          if (event.kind === "caught_up" && handlers.onCaughtUp) handlers.onCaughtUp(event.id);
          return;
        }
        if (typeof event.id === "number") {
          if (event.id <= last || ahead[event.id]) return; // seen already (e.g. around a reconnect)
          if (event.id === last + 1) {
            last += 1;
            while (ahead[last + 1]) { delete ahead[last + 1]; last += 1; }
          } else {
            // Numbers are contiguous per session: a gap means a broadcast overtook another. Use this one
            // now and ask for the missing ones if they do not arrive on their own.
            ahead[event.id] = true;
            fillGapSoon();
          }
        }
        handlers.onEvent(event);
      };
      socket.onclose = function () {
        if (closedByUs) return;
        if (handlers.onState) handlers.onState("closed");
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
    window.addEventListener("offline", function () {
      if (socket && socket.readyState <= 1) socket.close();
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

  window.DialogwerkLive = { config: config, connect: connect, startTimer: startTimer, refresh: refresh };
})();
