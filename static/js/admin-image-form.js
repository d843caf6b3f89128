/* The library's photo form: the focal point set by clicking on the photo, and the caption,
 * credit and copyright filled from the file's own metadata as soon as a file is chosen
 * (with a note beside any the library had to cut to its length).
 *
 * Click (or, on the focused photo, use the arrow keys) where the photo must stay in view
 * when it is cropped; the two focal point fields follow. */
(function () {
  "use strict";

  var gettext = window.gettext || function (text) { return text; };

  function round(value) { return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000; }

  function setUp(picker) {
    var xField = document.getElementById("id_focal_point_x");
    var yField = document.getElementById("id_focal_point_y");
    var fileField = document.getElementById("id_file");
    if (!xField || !yField) return;  // read only
    var note = document.createElement("p");
    note.className = "focal-note";
    note.setAttribute("role", "status");
    picker.after(note);
    var marker = document.createElement("span");
    marker.className = "focal-marker";
    marker.hidden = true;

    function image() { return picker.querySelector("img"); }

    function show() {
      var img = image();
      var x = parseFloat(xField.value), y = parseFloat(yField.value);
      if (!img || isNaN(x) || isNaN(y)) { marker.hidden = true; return; }
      marker.hidden = false;
      marker.style.left = (x * 100) + "%";
      marker.style.top = (y * 100) + "%";
      note.textContent = gettext("Focal point:") + " " + Math.round(x * 100) + "% " + gettext("across") + ", " +
        Math.round(y * 100) + "% " + gettext("down") + ".";
    }

    function set(x, y) {
      xField.value = round(x);
      yField.value = round(y);
      [xField, yField].forEach(function (f) { f.dispatchEvent(new Event("input", {bubbles: true})); });
      show();
    }

    function prepare() {
      var img = image();
      if (!img) return;
      img.removeAttribute("loading");
      img.style.cursor = "crosshair";
      img.title = gettext("Click where the photo must stay in view when cropped");
      picker.tabIndex = 0;
      picker.setAttribute("aria-label", gettext("Photo: click, or use the arrow keys, to set the focal point"));
      picker.appendChild(marker);
      show();
    }

    picker.addEventListener("click", function (event) {
      var img = image();
      if (!img || event.target !== img) return;
      var box = img.getBoundingClientRect();
      set((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
    });
    picker.addEventListener("keydown", function (event) {
      var steps = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]}[event.key];
      if (!steps || !image()) return;
      event.preventDefault();
      var x = parseFloat(xField.value), y = parseFloat(yField.value);
      set((isNaN(x) ? 0.5 : x) + steps[0] * 0.02, (isNaN(y) ? 0.5 : y) + steps[1] * 0.02);
    });
    [xField, yField].forEach(function (f) { f.addEventListener("input", show); });

    if (fileField) {
      fileField.addEventListener("change", function () {
        var chosen = fileField.files[0];
        if (!chosen) return;
        var img = document.createElement("img");
        img.src = URL.createObjectURL(chosen);
        img.alt = "";
        img.width = 480;
        picker.textContent = "";
        picker.appendChild(img);
        prepare();
        fill(chosen);
      });
    }

    // Beside a field filled with only the beginning of the photo's own, longer text.
    function metadataNote(text) {
      var shortened = document.createElement("p");
      shortened.className = "help metadata-note";
      shortened.setAttribute("role", "status");
      shortened.textContent = text;
      return shortened;
    }

    function fill(chosen) {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", document.querySelector("input[name=csrfmiddlewaretoken]").value);
      body.append("file", chosen);
      note.textContent = gettext("Reading the photo's details…");
      fetch(picker.dataset.metadataUrl, {method: "POST", body: body, credentials: "same-origin"})
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          document.querySelectorAll(".metadata-note").forEach(function (old) { old.remove(); });
          if (answer.error) { note.textContent = answer.error; return; }
          var filled = 0;
          [["caption", "id_caption"], ["credit", "id_credit"], ["copyright_holder", "id_copyright_holder"]]
            .forEach(function (pair) {
              var input = document.getElementById(pair[1]);
              if (input && answer[pair[0]] && !input.value.trim()) {
                input.value = answer[pair[0]];
                input.classList.add("filled-from-metadata");
                filled += 1;
                var shortened = (answer.notes || {})[pair[0]];
                if (shortened) input.after(metadataNote(shortened));
              }
            });
          note.textContent = (filled
            ? gettext("Caption, credit and copyright filled from the photo's own details; check them.")
            : gettext("The photo carries no caption or credit of its own: please add them.")) +
            " (" + answer.size + ")";
        })
        .catch(function () { note.textContent = ""; });
    }

    prepare();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".focal-picker").forEach(setUp);
  });
})();
