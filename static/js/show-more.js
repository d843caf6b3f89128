// "Show More": fetch the next page and append its items in place. Without
// JavaScript the link simply opens the next page.
(function () {
  "use strict";
  function lastDay(list) {
    var days = list.querySelectorAll("[data-day]");
    return days.length ? days[days.length - 1].getAttribute("data-day") : null;
  }
  // The next page may be a page of its own (day headings one level higher):
  // keep the heading level of the list it is appended to.
  function matchHeadingLevel(list, incoming) {
    var existing = list.querySelector("[data-day]");
    if (!existing) return;
    incoming.querySelectorAll("[data-day]").forEach(function (heading) {
      if (heading.tagName === existing.tagName) return;
      var replacement = document.createElement(existing.tagName);
      Array.prototype.forEach.call(heading.attributes, function (attribute) {
        replacement.setAttribute(attribute.name, attribute.value);
      });
      replacement.innerHTML = heading.innerHTML;
      heading.replaceWith(replacement);
    });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-show-more]");
    if (!link || !window.fetch || !window.DOMParser) return;
    var list = document.querySelector("[data-list]");
    if (!list) return;
    event.preventDefault();
    link.setAttribute("aria-busy", "true");
    fetch(link.href, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var incoming = page.querySelector("[data-list]");
        if (incoming) {
          matchHeadingLevel(list, incoming);
          var previousDay = lastDay(list);
          var first = incoming.querySelector("[data-day]");
          if (first && first.getAttribute("data-day") === previousDay) {
            // Same day continues: merge its items into the day already shown.
            var lists = list.querySelectorAll(".feed-items");
            var target = lists[lists.length - 1];
            var items = first.nextElementSibling;
            while (items && items.firstElementChild) target.appendChild(items.firstElementChild);
            first.remove();
            if (items) items.remove();
          }
          var added = incoming.firstElementChild;
          while (incoming.firstElementChild) list.appendChild(incoming.firstElementChild);
          var focusTarget = added && added.querySelector("a");
          if (focusTarget) focusTarget.focus({ preventScroll: true });
        }
        var next = page.querySelector("a[data-show-more]");
        if (next) {
          link.href = next.href;
          link.removeAttribute("aria-busy");
        } else {
          link.parentNode.remove();
        }
      })
      .catch(function () {
        window.location.href = link.href;
      });
  });
})();
