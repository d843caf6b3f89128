/* Choosing a photo by sight (media.chooser.ImageChooserWidget).
 *
 * "Choose from the library" opens a dialog with a search box and a grid of
 * thumbnails (caption and credit under each); "Upload a new photo" opens it on a
 * small upload form whose caption, credit and copyright are filled from the file's
 * own metadata as soon as the file is chosen. Either way the chosen photo lands in
 * the form without leaving it. A form error from the upload keeps the chosen file.
 */
(function () {
  "use strict";

  var gettext = window.gettext || function (text) { return text; };
  var dialog = null;
  var current = null;  // the chooser widget the dialog works for

  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function showChosen(chooser, entry) {
    var box = chooser.querySelector(".image-chooser-current");
    box.textContent = "";
    chooser.querySelector(".image-chooser-clear").hidden = !entry;
    if (!entry) {
      box.appendChild(element("p", "image-chooser-empty", gettext("No photo chosen.")));
      return;
    }
    var img = element("img", "image-chooser-thumbnail");
    img.src = entry.thumbnail;
    img.alt = entry.alt;
    img.width = 160;
    var details = element("div", "image-chooser-details");
    details.appendChild(element("strong", "image-chooser-label", entry.label));
    details.appendChild(element("span", "image-chooser-credit", entry.credit || gettext("No credit yet")));
    var edit = element("a", "", gettext("Edit in the library"));
    edit.href = entry.edit_url;
    edit.target = "_blank";
    edit.rel = "noopener";
    details.appendChild(edit);
    box.appendChild(img);
    box.appendChild(details);
  }

  function choose(chooser, entry) {
    var input = chooser.querySelector(".image-chooser-value");
    input.value = entry ? String(entry.id) : "";
    input.dispatchEvent(new CustomEvent("input", {bubbles: true, detail: "image-chooser"}));
    input.dispatchEvent(new Event("change", {bubbles: true}));
    showChosen(chooser, entry);
  }

  function buildDialog() {
    dialog = element("dialog", "image-chooser-dialog");
    dialog.setAttribute("aria-labelledby", "image-chooser-title");
    dialog.innerHTML =
      '<div class="image-chooser-head"><h2 id="image-chooser-title"></h2>' +
      '<button type="button" class="button image-chooser-close"></button></div>' +
      '<div class="image-chooser-tabs" role="tablist">' +
      '<button type="button" role="tab" class="image-chooser-tab" data-tab="library"></button>' +
      '<button type="button" role="tab" class="image-chooser-tab" data-tab="upload"></button></div>' +
      '<section class="image-chooser-pane" data-pane="library">' +
      '<input type="search" class="image-chooser-search">' +
      '<ul class="image-chooser-grid"></ul>' +
      '<p class="image-chooser-more"><button type="button" class="button"></button></p></section>' +
      '<section class="image-chooser-pane" data-pane="upload" hidden>' +
      '<div class="image-chooser-upload-form"></div></section>';
    dialog.querySelector("h2").textContent = gettext("Choose a photo");
    dialog.querySelector(".image-chooser-close").textContent = gettext("Close");
    dialog.querySelector("[data-tab=library]").textContent = gettext("From the library");
    dialog.querySelector("[data-tab=upload]").textContent = gettext("Upload a new photo");
    dialog.querySelector(".image-chooser-more button").textContent = gettext("More photos");
    var search = dialog.querySelector(".image-chooser-search");
    search.placeholder = gettext("Search captions, alt text and credits");
    search.setAttribute("aria-label", gettext("Search the photo library"));
    buildUploadForm(dialog.querySelector(".image-chooser-upload-form"));
    document.body.appendChild(dialog);

    dialog.querySelector(".image-chooser-close").addEventListener("click", function () { dialog.close(); });
    dialog.querySelectorAll(".image-chooser-tab").forEach(function (tab) {
      tab.addEventListener("click", function () { showTab(tab.dataset.tab); });
    });
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { load(search.value, 1); }, 250);
    });
    search.addEventListener("keydown", function (event) { if (event.key === "Enter") event.preventDefault(); });
    dialog.querySelector(".image-chooser-more button").addEventListener("click", function () {
      load(search.value, (dialog.page || 1) + 1);
    });
  }

  function field(container, name, label, kind) {
    var wrap = element("p", "image-chooser-field");
    var id = "image-chooser-" + name;
    var labelEl = element("label", "", label);
    labelEl.htmlFor = id;
    var input = element(kind === "textarea" ? "textarea" : "input");
    if (kind !== "textarea") input.type = kind || "text";
    input.id = id;
    input.name = name;
    wrap.appendChild(labelEl);
    wrap.appendChild(input);
    wrap.appendChild(element("span", "image-chooser-error"));
    container.appendChild(wrap);
    return input;
  }

  function buildUploadForm(container) {
    var file = field(container, "file", gettext("Photo file"), "file");
    file.accept = "image/jpeg,image/png,image/webp,image/gif";
    var preview = element("img", "image-chooser-preview");
    preview.hidden = true;
    preview.alt = "";
    container.appendChild(preview);
    var note = element("p", "image-chooser-note");
    note.setAttribute("role", "status");
    container.appendChild(note);
    field(container, "alt_text", gettext("Alt text (what the photo shows, for readers who cannot see it)"));
    field(container, "caption", gettext("Caption"), "textarea");
    field(container, "credit", gettext("Credit (photographer/agency)"));
    field(container, "copyright_holder", gettext("Copyright holder"));
    var submit = element("button", "button default image-chooser-submit", gettext("Upload and use"));
    submit.type = "button";
    container.appendChild(submit);

    file.addEventListener("change", function () {
      var chosen = file.files[0];
      if (!chosen) return;
      preview.src = URL.createObjectURL(chosen);
      preview.hidden = false;
      note.textContent = gettext("Reading the photo's details…");
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrf());
      body.append("file", chosen);
      fetch(current.dataset.metadataUrl, {method: "POST", body: body, credentials: "same-origin"})
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (answer.error) { note.textContent = answer.error; return; }
          var filled = [], shortened = [];
          ["caption", "credit", "copyright_holder"].forEach(function (name) {
            var input = container.querySelector("[name=" + name + "]");
            if (answer[name] && !input.value.trim()) {
              input.value = answer[name];
              filled.push(name);
              if ((answer.notes || {})[name]) shortened.push(answer.notes[name]);
            }
          });
          note.textContent = (filled.length
            ? gettext("Filled from the photo's own details; check them.") + " (" + answer.size + ")"
            : gettext("The photo carries no caption or credit: please add them.") + " (" + answer.size + ")") +
            (shortened.length ? " " + shortened.join(" ") : "");
        })
        .catch(function () { note.textContent = ""; });
    });

    submit.addEventListener("click", function () {
      container.querySelectorAll(".image-chooser-error").forEach(function (el) { el.textContent = ""; });
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrf());
      container.querySelectorAll("input, textarea").forEach(function (input) {
        if (input.type === "file") { if (input.files[0]) body.append(input.name, input.files[0]); }
        else body.append(input.name, input.value);
      });
      submit.disabled = true;
      note.textContent = gettext("Uploading…");
      fetch(current.dataset.uploadUrl, {method: "POST", body: body, credentials: "same-origin"})
        .then(function (response) { return response.json().then(function (a) { return {ok: response.ok, a: a}; }); })
        .then(function (result) {
          submit.disabled = false;
          if (!result.ok) {
            note.textContent = gettext("Please correct the errors below. The chosen file is kept.");
            Object.keys(result.a.errors || {}).forEach(function (name) {
              var input = container.querySelector("[name=" + name + "]") || file;
              input.parentNode.querySelector(".image-chooser-error").textContent = result.a.errors[name].join(" ");
            });
            return;
          }
          choose(current, result.a.image);
          container.querySelectorAll("input, textarea").forEach(function (input) { input.value = ""; });
          preview.hidden = true;
          note.textContent = "";
          dialog.close();
        })
        .catch(function () {
          submit.disabled = false;
          note.textContent = gettext("The upload did not reach the server; try again.");
        });
    });
  }

  function showTab(name) {
    dialog.querySelectorAll(".image-chooser-tab").forEach(function (tab) {
      tab.setAttribute("aria-selected", String(tab.dataset.tab === name));
    });
    dialog.querySelectorAll(".image-chooser-pane").forEach(function (pane) {
      pane.hidden = pane.dataset.pane !== name;
    });
    var focus = name === "library" ? ".image-chooser-search" : "[name=file]";
    dialog.querySelector(focus).focus();
  }

  var latest = 0;

  function load(typed, page) {
    var url = current.dataset.searchUrl + "?q=" + encodeURIComponent(typed || "") + "&page=" + page;
    var asked = ++latest;
    fetch(url, {credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (asked !== latest) return;  // typed on since: a newer search is on its way
        var grid = dialog.querySelector(".image-chooser-grid");
        if (page === 1) grid.textContent = "";
        dialog.page = page;
        answer.results.forEach(function (entry) {
          var item = element("li", "image-chooser-item");
          var button = element("button", "image-chooser-pick");
          button.type = "button";
          button.setAttribute("aria-label", gettext("Choose") + " " + entry.label);
          var img = element("img");
          img.src = entry.thumbnail;
          img.alt = "";
          img.loading = "lazy";
          button.appendChild(img);
          button.appendChild(element("span", "image-chooser-caption", entry.label));
          button.appendChild(element("span", "image-chooser-credit",
            entry.needs_credit ? gettext("Needs a credit") : entry.credit));
          button.addEventListener("click", function () { choose(current, entry); dialog.close(); });
          item.appendChild(button);
          grid.appendChild(item);
        });
        if (page === 1 && !answer.results.length) {
          grid.appendChild(element("li", "image-chooser-none", gettext("No photo matches.")));
        }
        dialog.querySelector(".image-chooser-more").hidden = !answer.has_more;
      });
  }

  function open(chooser, tab) {
    current = chooser;
    if (!dialog) buildDialog();
    if (!dialog.open) dialog.showModal();
    showTab(tab);
    if (tab === "library") load(dialog.querySelector(".image-chooser-search").value, 1);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".image-chooser").forEach(function (chooser) {
      chooser.querySelector(".image-chooser-open").addEventListener("click", function () { open(chooser, "library"); });
      chooser.querySelector(".image-chooser-upload").addEventListener("click", function () { open(chooser, "upload"); });
      chooser.querySelector(".image-chooser-clear").addEventListener("click", function () { choose(chooser, null); });
      var input = chooser.querySelector(".image-chooser-value");
      // Filled from an autosave or a draft: show the photo it names.
      input.addEventListener("input", function (event) {
        if (event.detail === "image-chooser") return;
        if (!input.value) { showChosen(chooser, null); return; }
        fetch(chooser.dataset.searchUrl + "?id=" + encodeURIComponent(input.value), {credentials: "same-origin"})
          .then(function (response) { return response.json(); })
          .then(function (answer) { showChosen(chooser, answer.results[0] || null); });
      });
    });
  });
})();
