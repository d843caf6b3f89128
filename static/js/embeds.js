/* Click-to-load embeds: the provider's player replaces the notice only when the reader asks. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".embed-load");
    if (!button) return;
    var figure = button.closest(".embed");
    var frame = document.createElement("iframe");
    frame.src = figure.dataset.embedSrc;
    frame.title = figure.dataset.embedTitle;
    frame.loading = "lazy";
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.setAttribute("allowfullscreen", "");
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.className = "embed-frame";
    figure.replaceChildren(frame);
    figure.classList.add("embed-loaded");
    frame.focus();
  });
})();
