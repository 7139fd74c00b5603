// Suggestions under the header search box: titles matching what has been typed so far.
// Without JavaScript the box is a plain search form; this only adds the list of links.
(function () {
  "use strict";
  var DELAY_MS = 250;
  var input = document.querySelector("[data-suggest-url]");
  if (!input || !window.fetch) return;
  var form = input.form;
  var list = document.createElement("ul");
  list.className = "suggestions";
  list.id = "header-search-suggestions";
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("aria-controls", list.id);
  var timer = null;
  var latest = 0;

  function close() {
    list.hidden = true;
    list.textContent = "";
  }

  function show(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (item) {
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      var type = document.createElement("span");
      type.className = "suggestion-type";
      type.textContent = item.type;
      link.appendChild(type);
      var row = document.createElement("li");
      row.appendChild(link);
      list.appendChild(row);
    });
    list.hidden = suggestions.length === 0;
  }

  function ask() {
    var words = input.value.trim();
    if (words.length < 2) return close();
    var asked = ++latest;
    fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(words), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (asked === latest) show(data.suggestions); })
      .catch(close);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, DELAY_MS);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && !list.hidden) {
      event.preventDefault();
      list.querySelector("a").focus();
    }
  });
  list.addEventListener("keydown", function (event) {
    var current = document.activeElement.parentElement;
    if (event.key === "ArrowDown" && current.nextElementSibling) {
      event.preventDefault();
      current.nextElementSibling.querySelector("a").focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (current.previousElementSibling ? current.previousElementSibling.querySelector("a") : input).focus();
    }
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
  document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
})();
