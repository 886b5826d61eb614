// The new-post page: shows only the fields the choices use (an element's data-when lists
// "name=value[,value]" conditions, any of which shows it), refreshes the caption's preview
// from the server as it is typed (the agent's own rules render it there), and keeps a second
// tap on "Create" from sending the form twice. Without this script every field shows.
"use strict";
(function () {
  var form = document.getElementById("post-form");
  if (!form) return;

  function valueOf(name) {
    var field = form.elements[name];
    if (!field) return "";
    if (field.tagName === "SELECT") return field.value;
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : "";
  }

  function update() {
    form.querySelectorAll("[data-when]").forEach(function (part) {
      part.hidden = !part.dataset.when.split(" ").some(function (condition) {
        var pair = condition.split("=");
        return pair[1].split(",").indexOf(valueOf(pair[0])) >= 0;
      });
    });
  }
  form.addEventListener("change", update);
  update();

  var preview = document.getElementById("caption-preview");
  var captions = form.elements.captions;
  var timer = null;
  var asked = 0;
  function refreshPreview() {
    var mine = ++asked;
    var query = new URLSearchParams({ captions: captions.value.slice(0, 4000), caption_format: valueOf("caption_format") });
    fetch(preview.dataset.preview + "?" + query.toString(), { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        // Only the latest answer: an older one arriving late must not overwrite it.
        if (html === null || mine !== asked) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").body;
        preview.replaceChildren.apply(preview, Array.prototype.slice.call(fresh.childNodes));
      })
      .catch(function () {});
  }
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(refreshPreview, 400);
  }
  captions.addEventListener("input", soon);
  form.addEventListener("change", function (event) {
    if (event.target.name === "caption_format") soon();
  });

  form.addEventListener("submit", function (event) {
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    form.querySelector("button[type=submit]").setAttribute("aria-busy", "true");
  });
  // Back to the page from the browser's cache: it may be sent again (a new create, a new key).
  window.addEventListener("pageshow", function () {
    delete form.dataset.sent;
  });
})();
