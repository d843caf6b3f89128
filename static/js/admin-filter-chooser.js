/* List filters with a search box: type part of a name, pick one of the matches.
 * Each match is a link to the list filtered by it, keeping the other filters. */
(function () {
  "use strict";

  function linkFor(parameter, value) {
    var params = new URLSearchParams(location.search);
    params.set(parameter, value);
    params.delete("p");  // back to the first page
    return "?" + params.toString();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".filter-chooser-input").forEach(function (input) {
      var results = document.getElementById(input.getAttribute("aria-controls"));
      var timer = null;
      input.addEventListener("input", function () {
        clearTimeout(timer);
        var typed = input.value.trim();
        if (!typed) { results.textContent = ""; return; }
        timer = setTimeout(function () {
          fetch(input.dataset.suggestionsUrl + "?q=" + encodeURIComponent(typed), {credentials: "same-origin"})
            .then(function (response) { return response.ok ? response.json() : {choices: []}; })
            .then(function (answer) {
              if (input.value.trim() !== typed) return;
              results.textContent = "";
              answer.choices.forEach(function (choice) {
                var item = document.createElement("li");
                var link = document.createElement("a");
                link.href = linkFor(input.dataset.parameter, choice.value);
                link.textContent = choice.label;
                item.appendChild(link);
                results.appendChild(item);
              });
              if (!answer.choices.length) {
                var none = document.createElement("li");
                none.className = "filter-chooser-none";
                none.textContent = (window.gettext || String)("No match");
                results.appendChild(none);
              }
            });
        }, 200);
      });
      input.addEventListener("keydown", function (event) {
        if (event.key !== "Enter") return;
        event.preventDefault();  // the filter box is inside the changelist's form
        var first = results.querySelector("a");
        if (first) location.href = first.href;
      });
    });
  });
})();
