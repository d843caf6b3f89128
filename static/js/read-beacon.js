// Counts one read for Most Popular. Sends no cookie and nothing about the reader.
(function () {
  "use strict";
  var article = document.querySelector("[data-read-beacon]");
  var url = article && article.getAttribute("data-read-beacon");
  if (!url) return;
  if (navigator.sendBeacon) {
    navigator.sendBeacon(url);
  } else if (window.fetch) {
    fetch(url, { method: "POST", credentials: "omit", keepalive: true });
  }
})();
