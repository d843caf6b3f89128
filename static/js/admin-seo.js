/* The SEO fields of the article form: a character count each, and a preview of the
 * search result they make (falling back to the headline and standfirst, as the page does). */
(function () {
  "use strict";
  var LIMITS = { id_seo_title: 60, id_seo_description: 160 };

  function text(id) {
    var field = document.getElementById(id);
    return field ? field.value.trim() : "";
  }

  function counter(field, limit) {
    var note = document.createElement("p");
    note.className = "seo-count help";
    note.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", note);
    function update() {
      var length = field.value.length;
      note.textContent = length + " / " + limit + (length > limit ? " — search engines will cut it" : "");
      note.classList.toggle("seo-count-over", length > limit);
    }
    field.addEventListener("input", update);
    update();
  }

  function preview(after) {
    var box = document.createElement("div");
    box.className = "seo-preview";
    box.setAttribute("aria-label", "Search result preview");
    box.innerHTML = '<p class="seo-preview-title"></p><p class="seo-preview-url"></p><p class="seo-preview-description"></p>';
    after.insertAdjacentElement("afterend", box);
    function update() {
      box.querySelector(".seo-preview-title").textContent = text("id_seo_title") || text("id_headline");
      box.querySelector(".seo-preview-url").textContent = location.host + "/…/" + (text("id_slug") || "…") + "/";
      box.querySelector(".seo-preview-description").textContent =
        (text("id_seo_description") || text("id_standfirst")).slice(0, 160);
    }
    document.addEventListener("input", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Object.keys(LIMITS).forEach(function (id) {
      var field = document.getElementById(id);
      if (field) counter(field, LIMITS[id]);
    });
    var description = document.getElementById("id_seo_description");
    if (description) preview(description.parentElement);
  });
})();
