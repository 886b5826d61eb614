// The script of every dashboard page (no framework, nothing inline: the CSP allows only this origin).
// A page whose <main> has data-refresh="N" reloads its contents every N seconds while it is
// visible, and says so when the figures are stale or the network is gone. A session that
// ended sends the page to the sign-in form.
"use strict";
(function () {
  var main = document.getElementById("live");
  var status = document.getElementById("status");
  if (!main || !status) return;
  var failures = 0;
  var busy = false;

  function show(text) {
    status.textContent = text;
    status.hidden = text === "";
  }

  // "More" links (data-more names the list) load the next page as they scroll into view and
  // append its rows; a page grown so is no longer refreshed (that would drop what was appended).
  function loadMore(link) {
    var list = document.getElementById(link.dataset.more);
    if (!list || link.dataset.loading) return;
    link.dataset.loading = "1";
    fetch(link.href, { credentials: "same-origin", headers: { accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var rows = page.getElementById(link.dataset.more);
        if (rows) list.append.apply(list, Array.prototype.slice.call(rows.children));
        var next = page.querySelector("a[data-more]");
        main.dataset.appended = "1";
        if (next) {
          link.href = next.getAttribute("href");
          delete link.dataset.loading;
        } else {
          link.remove();
        }
      })
      .catch(function () {
        delete link.dataset.loading;
        show(status.dataset.stale);
      });
  }
  var watcher =
    "IntersectionObserver" in window
      ? new IntersectionObserver(function (entries) {
          entries.forEach(function (entry) {
            if (entry.isIntersecting) loadMore(entry.target);
          });
        })
      : null;
  function watchMore() {
    if (watcher) main.querySelectorAll("a[data-more]").forEach(function (link) {
      watcher.observe(link);
    });
  }
  watchMore();

  if (!main.dataset.refresh) return;
  var seconds = Number(main.dataset.refresh) || 10;

  // A control changed from what the page came with (a box ticked for a bulk stop, a filter
  // picked): a refresh would undo it, so the page waits until it is submitted or left.
  function edited() {
    return Array.prototype.some.call(main.querySelectorAll("input, select, textarea"), function (el) {
      if (el.type === "hidden") return false;
      if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
      if (el.tagName === "SELECT") {
        // With no option marked selected, a select starts on its first.
        var first = Array.prototype.findIndex.call(el.options, function (o) { return o.defaultSelected; });
        return el.selectedIndex !== Math.max(first, 0);
      }
      return el.value !== el.defaultValue;
    });
  }

  function refresh() {
    if (busy || document.hidden || main.dataset.appended || edited()) return;
    busy = true;
    fetch(location.href, { credentials: "same-origin", headers: { accept: "text/html" }, cache: "no-store" })
      .then(function (response) {
        if (response.redirected && new URL(response.url).pathname === "/login") {
          location.assign(response.url);
          return;
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text().then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live");
          if (!fresh) throw new Error("no live region");
          // Keep focus where it was when the same element comes back.
          var focused = document.activeElement && document.activeElement.id;
          main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.childNodes));
          if (focused) {
            var again = document.getElementById(focused);
            if (again) again.focus();
          }
          watchMore();
          failures = 0;
          show("");
        });
      })
      .catch(function () {
        failures += 1;
        show(navigator.onLine === false ? status.dataset.offline : status.dataset.stale);
      })
      .finally(function () {
        busy = false;
      });
  }

  setInterval(refresh, seconds * 1000);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) refresh();
  });
  window.addEventListener("offline", function () {
    show(status.dataset.offline);
  });
  window.addEventListener("online", refresh);
})();
