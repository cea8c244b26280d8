/* Quick capture of a flipchart, keyboard first: Alt+S/H/K/I choose the kind, Alt+↑/↓ the theme, Enter
   sends (the form stays, with kind and theme), Shift+Enter starts a new line. */
(function () {
  "use strict";
  var form = document.getElementById("capture-form");
  if (!form) return;
  var text = form.querySelector("textarea[name=text]");
  var theme = form.querySelector("select[name=theme]");
  var status = document.getElementById("capture-status");
  var kinds = { s: "situation", h: "field_of_action", k: "conflict", i: "idea" };
  var sending = false;

  function announce(message) { status.textContent = message; }
  function currentKind() {
    var checked = form.querySelector("input[name=kind]:checked");
    return checked ? checked.nextElementSibling.textContent : "";
  }

  form.addEventListener("keydown", function (event) {
    if (event.altKey && kinds[event.key.toLowerCase()]) {
      var radio = form.querySelector('input[name=kind][value="' + kinds[event.key.toLowerCase()] + '"]');
      if (radio) { radio.checked = true; announce(currentKind()); event.preventDefault(); }
    } else if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      var index = theme.selectedIndex + (event.key === "ArrowUp" ? -1 : 1);
      theme.selectedIndex = (index + theme.options.length) % theme.options.length;
      announce(theme.options[theme.selectedIndex].text);
      event.preventDefault();
    } else if (event.key === "Enter" && !event.shiftKey && event.target === text) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (sending || !text.value.trim()) { text.focus(); return; }
    sending = true;
    var data = new FormData(form);
    fetch(location.pathname, { method: "POST", body: data, headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json().then(function (body) { return { status: response.status, body: body }; }); })
      .then(function (result) {
        if (result.status === 201) {
          form.querySelector("input[name=key]").value = result.body.key;
          var li = document.createElement("li");
          li.textContent = "#" + result.body.card.id + " " + currentKind() + " · " + theme.options[theme.selectedIndex].text + ": " + result.body.card.text;
          var list = document.getElementById("capture-recent");
          list.classList.remove("visually-hidden");
          list.prepend(li);
          text.value = "";
          announce(li.textContent);
        } else {
          var errors = result.body.errors || {};
          announce(Object.keys(errors).map(function (k) { return errors[k].map(function (e) { return e.message; }).join(" "); }).join(" "));
        }
      })
      .catch(function () { announce("⚠"); })
      .then(function () { sending = false; text.focus(); });
  });
})();
