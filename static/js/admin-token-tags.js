/* Tags typed as tokens: type a name, press Enter or a comma, and it becomes a chip.
 *
 * The real field stays in the form, holding the comma-separated list the server
 * reads (names with a comma are quoted, as django-taggit expects); it is hidden and
 * kept in step with the chips. Backspace in the empty box removes the last chip;
 * each chip has its own remove button. Existing tags are suggested as you type
 * (arrow keys and Enter choose one). Filling the field from an autosave or a draft
 * (an "input" event on it) redraws the chips.
 */
(function () {
  "use strict";

  var gettext = window.gettext || function (text) { return text; };

  function parse(value) {
    var names = [], current = "", quoted = false;
    for (var i = 0; i < value.length; i++) {
      var ch = value[i];
      if (ch === '"') { quoted = !quoted; continue; }
      if (ch === "," && !quoted) { names.push(current); current = ""; continue; }
      current += ch;
    }
    names.push(current);
    var seen = {};
    return names.map(function (name) { return name.trim(); }).filter(function (name) {
      var key = name.toLowerCase();
      if (!name || seen[key]) return false;
      seen[key] = true;
      return true;
    });
  }

  function serialize(names) {
    return names.map(function (name) {
      return (name.indexOf(",") !== -1 || name.indexOf(" ") !== -1) ? '"' + name.replace(/"/g, "") + '"' : name;
    }).join(", ");
  }

  function TokenField(source) {
    this.source = source;
    this.names = parse(source.value);
    this.suggestions = [];
    this.active = -1;
    this.build();
    this.draw();
  }

  TokenField.prototype.build = function () {
    var self = this;
    var box = document.createElement("div");
    box.className = "token-field";
    var list = document.createElement("ul");
    list.className = "token-list";
    list.setAttribute("aria-label", gettext("Tags"));
    var input = document.createElement("input");
    input.type = "text";
    input.className = "token-input";
    input.id = this.source.id + "_tokens";
    input.setAttribute("aria-describedby", this.source.id + "_helptext");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.source.id + "_suggestions");
    input.placeholder = gettext("Add a tag…");
    var menu = document.createElement("ul");
    menu.className = "token-suggestions";
    menu.id = this.source.id + "_suggestions";
    menu.setAttribute("role", "listbox");
    menu.hidden = true;
    box.appendChild(list);
    box.appendChild(input);
    box.appendChild(menu);
    this.source.parentNode.insertBefore(box, this.source);
    this.source.classList.add("token-source");
    var label = document.querySelector("label[for='" + this.source.id + "']");
    if (label) label.htmlFor = input.id;
    this.box = box; this.list = list; this.input = input; this.menu = menu;

    box.addEventListener("click", function (event) { if (event.target === box) input.focus(); });
    input.addEventListener("keydown", function (event) { self.key(event); });
    input.addEventListener("input", function () {
      if (input.value.indexOf(",") !== -1) {
        var parts = input.value.split(",");
        input.value = parts.pop();
        parts.forEach(function (part) { self.add(part); });
      }
      self.suggest(input.value);
    });
    input.addEventListener("blur", function () {
      // Leaving the box keeps what was typed as a tag (unless focus came straight back).
      setTimeout(function () {
        if (document.activeElement === input) return;
        self.add(input.value);
        input.value = "";
        self.closeMenu();
      }, 150);
    });
    this.source.addEventListener("input", function (event) {
      if (event.detail === "token-field") return;
      self.names = parse(self.source.value);
      self.draw();
    });
  };

  TokenField.prototype.key = function (event) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();  // Enter would submit the article form
      var chosen = this.active >= 0 ? this.suggestions[this.active] : this.input.value;
      this.add(chosen);
      this.input.value = "";
      this.closeMenu();
    } else if (event.key === "Backspace" && !this.input.value && this.names.length) {
      this.remove(this.names.length - 1);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!this.suggestions.length) return;
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      this.active = (this.active + step + this.suggestions.length) % this.suggestions.length;
      this.drawMenu();
    } else if (event.key === "Escape") {
      this.closeMenu();
    }
  };

  TokenField.prototype.add = function (name) {
    name = (name || "").replace(/"/g, "").trim();
    if (!name) return;
    var exists = this.names.some(function (n) { return n.toLowerCase() === name.toLowerCase(); });
    if (!exists) this.names.push(name);
    this.changed();
  };

  TokenField.prototype.remove = function (index) {
    this.names.splice(index, 1);
    this.changed();
    this.input.focus();
  };

  TokenField.prototype.changed = function () {
    this.source.value = serialize(this.names);
    // Tell the autosave and the leave warning; this field's own listener ignores it.
    this.source.dispatchEvent(new CustomEvent("input", {bubbles: true, detail: "token-field"}));
    this.draw();
  };

  TokenField.prototype.draw = function () {
    var self = this;
    this.list.textContent = "";
    this.names.forEach(function (name, index) {
      var item = document.createElement("li");
      item.className = "token";
      var text = document.createElement("span");
      text.textContent = name;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "token-remove";
      remove.textContent = "×";
      remove.setAttribute("aria-label", gettext("Remove tag") + " " + name);
      remove.addEventListener("click", function () { self.remove(index); });
      item.appendChild(text);
      item.appendChild(remove);
      self.list.appendChild(item);
    });
  };

  TokenField.prototype.suggest = function (typed) {
    var self = this;
    typed = typed.trim();
    if (!typed) { this.closeMenu(); return; }
    var url = this.source.dataset.suggestionsUrl + "?q=" + encodeURIComponent(typed);
    fetch(url, {credentials: "same-origin"}).then(function (response) {
      return response.ok ? response.json() : {tags: []};
    }).then(function (answer) {
      if (self.input.value.trim() !== typed) return;  // typed on since
      var have = self.names.map(function (n) { return n.toLowerCase(); });
      self.suggestions = answer.tags.filter(function (n) { return have.indexOf(n.toLowerCase()) === -1; });
      self.active = -1;
      self.drawMenu();
    }).catch(function () { self.closeMenu(); });
  };

  TokenField.prototype.drawMenu = function () {
    var self = this;
    this.menu.textContent = "";
    this.suggestions.forEach(function (name, index) {
      var option = document.createElement("li");
      option.setAttribute("role", "option");
      option.id = self.menu.id + "_" + index;
      option.textContent = name;
      if (index === self.active) {
        option.setAttribute("aria-selected", "true");
        self.input.setAttribute("aria-activedescendant", option.id);
      }
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        self.add(name);
        self.input.value = "";
        self.closeMenu();
      });
      self.menu.appendChild(option);
    });
    this.menu.hidden = !this.suggestions.length;
    this.input.setAttribute("aria-expanded", String(!this.menu.hidden));
  };

  TokenField.prototype.closeMenu = function () {
    this.suggestions = [];
    this.active = -1;
    this.menu.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-token-tags]").forEach(function (source) {
      if (!source.disabled) new TokenField(source);
    });
  });
})();
