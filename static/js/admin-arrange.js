/* The arrange page of the front page: put stories in order by dragging or from the keyboard.
 *
 * Each list is numbered as it stands; the form posts the stories' ids in that order.
 * Move up / Move down buttons (and Alt+↑ / Alt+↓ on a focused story) do what dragging
 * does; Remove takes a story off the list until Undo. Every move is announced.
 */
(function () {
  "use strict";

  var gettext = window.gettext || function (text) { return text; };

  function items(list) {
    return Array.prototype.filter.call(list.children, function (el) { return el.classList.contains("arrange-item"); });
  }

  function renumber(list) {
    var place = 0;
    items(list).forEach(function (item) {
      var removed = item.classList.contains("arrange-removed");
      if (!removed) place += 1;
      item.querySelector(".arrange-place").textContent = removed ? "–" : String(place);
    });
  }

  function say(text) {
    var status = document.querySelector(".arrange-status");
    if (status) status.textContent = text;
  }

  function placeOf(item) {
    return items(item.parentNode).filter(function (el) {
      return !el.classList.contains("arrange-removed");
    }).indexOf(item) + 1;
  }

  function move(item, step) {
    var list = item.parentNode;
    var siblings = items(list);
    var index = siblings.indexOf(item);
    var target = siblings[index + step];
    if (!target) return;
    if (step < 0) list.insertBefore(item, target);
    else list.insertBefore(target, item);
    renumber(list);
    say(item.dataset.headline + ": " + gettext("now number") + " " + placeOf(item));
    changed = true;
  }

  function toggleRemoved(item) {
    var removed = item.classList.toggle("arrange-removed");
    item.querySelector("input[type=hidden]").disabled = removed;
    var button = item.querySelector(".arrange-remove");
    button.textContent = removed ? gettext("Undo") : gettext("Remove");
    renumber(item.parentNode);
    say(item.dataset.headline + ": " + (removed ? gettext("removed when you save") : gettext("back in the list")));
    changed = true;
  }

  var dragged = null;
  var changed = false;

  function setUp(list) {
    renumber(list);
    list.addEventListener("click", function (event) {
      var item = event.target.closest(".arrange-item");
      if (!item) return;
      if (event.target.closest(".arrange-up")) move(item, -1);
      else if (event.target.closest(".arrange-down")) move(item, 1);
      else if (event.target.closest(".arrange-remove")) toggleRemoved(item);
      else return;
      event.target.closest("button").focus();
    });
    list.addEventListener("keydown", function (event) {
      var item = event.target.closest(".arrange-item");
      if (!item || !event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      event.preventDefault();
      move(item, event.key === "ArrowUp" ? -1 : 1);
      event.target.focus();
    });
    list.addEventListener("dragstart", function (event) {
      var item = event.target.closest && event.target.closest(".arrange-item");
      if (!item) return;
      dragged = item;
      item.classList.add("arrange-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.dataset.headline);
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged || dragged.parentNode !== list) return;  // each list keeps its own stories
      event.preventDefault();
      var over = event.target.closest(".arrange-item");
      if (!over || over === dragged) return;
      var box = over.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
      renumber(list);
    });
    list.addEventListener("drop", function (event) { event.preventDefault(); });
    list.addEventListener("dragend", function () {
      if (!dragged) return;
      dragged.classList.remove("arrange-dragging");
      say(dragged.dataset.headline + ": " + gettext("now number") + " " + placeOf(dragged));
      changed = true;
      dragged = null;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".arrange-list").forEach(setUp);
    var form = document.querySelector(".arrange-form");
    if (!form) return;
    form.addEventListener("submit", function () { changed = false; });
    window.addEventListener("beforeunload", function (event) {
      if (!changed) return undefined;
      event.preventDefault();
      event.returnValue = "";
      return "";
    });
  });
})();
