// "Show More": fetch the next page and append its items in place to the list the
// link controls (aria-controls, else the page's first [data-list]), then say how
// many were added. Without JavaScript the link simply opens the next page.
(function () {
  "use strict";
  var ITEMS = ".feed-item, .card, .search-result";

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
  // The page the reader is on is not offered again in its own sidebar.
  function dropCurrentPage(incoming) {
    incoming.querySelectorAll(ITEMS).forEach(function (item) {
      var link = item.querySelector("a.feed-headline, .card-headline a, a");
      if (link && new URL(link.getAttribute("href"), window.location.href).pathname === window.location.pathname) {
        item.remove();
      }
    });
    incoming.querySelectorAll(".feed-items").forEach(function (day) {
      if (!day.children.length) {
        var heading = day.previousElementSibling;
        if (heading && heading.hasAttribute("data-day")) heading.remove();
        day.remove();
      }
    });
  }
  function mergeContinuedDay(list, incoming) {
    var first = incoming.querySelector("[data-day]");
    if (!first || first.getAttribute("data-day") !== lastDay(list)) return;
    var lists = list.querySelectorAll(".feed-items");
    var target = lists[lists.length - 1];
    var items = first.nextElementSibling;
    while (items && items.firstElementChild) target.appendChild(items.firstElementChild);
    first.remove();
    if (items) items.remove();
  }
  function announce(link, status, count) {
    if (!status) return;
    var text = count === 1 ? link.dataset.loadedOne : (link.dataset.loadedMany || "").replace("%(count)s", count);
    status.textContent = text;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-show-more]");
    if (!link || !window.fetch || !window.DOMParser) return;
    var listId = link.getAttribute("aria-controls");
    var list = listId ? document.getElementById(listId) : document.querySelector("[data-list]");
    if (!list) return;
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") return;
    link.setAttribute("aria-busy", "true");
    var status = link.parentNode.querySelector(".show-more-status");
    fetch(link.href, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var incoming = (listId && page.getElementById(listId)) || page.querySelector("[data-list]");
        var count = 0;
        if (incoming) {
          dropCurrentPage(incoming);
          count = incoming.querySelectorAll(ITEMS).length;
          matchHeadingLevel(list, incoming);
          mergeContinuedDay(list, incoming);
          var before = list.querySelectorAll(ITEMS).length;
          while (incoming.firstElementChild) list.appendChild(incoming.firstElementChild);
          var added = list.querySelectorAll(ITEMS)[before];
          var focusTarget = added && (added.querySelector(".card-headline a, a.feed-headline") || added.querySelector("a"));
          if (focusTarget) focusTarget.focus({ preventScroll: true });
        }
        var next = page.querySelector("a[data-show-more]");
        if (next) {
          link.href = next.href;
          link.removeAttribute("aria-busy");
        } else {
          var wrap = link.parentNode;
          link.remove();
          wrap.classList.add("show-more-done");
        }
        announce(link, status, count);
      })
      .catch(function () {
        window.location.href = link.href;
      });
  });
})();
