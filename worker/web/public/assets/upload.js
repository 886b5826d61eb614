// Uploads into the material library from this device (a phone's camera roll included), through
// the API's multipart upload as /library/files serves it to the session. Each file goes in
// parts of 5 MiB (R2's smallest), one at a time, with a progress bar. A part that fails on the
// network (or a 5xx, or 429) is sent again after 1, 2, 4 … 30 s, eight times; the upload's id
// stays in localStorage under the file's name, size and date, so picking the same file again
// after a reload or a lost connection sends only the parts still missing. The server's
// refusals (wrong type, over the plan, a duplicate) are shown as it words them. Once a file is
// in, a small JPEG of it (a video's frame at 1 s) is made here and stored as its thumbnail: a
// Worker cannot decode video. No framework, nothing inline (the CSP allows only this origin).
"use strict";
(function () {
  var form = document.querySelector("form[data-upload]");
  if (!form || !window.fetch || !window.XMLHttpRequest) return;
  var base = form.dataset.upload;
  var csrf = form.dataset.csrf;
  var words = form.dataset;
  var list = form.querySelector(".uploads");
  var button = form.querySelector("button[type=submit]");
  var PART_SIZE = 5 * 1024 * 1024;
  var TYPES = { "video/mp4": true, "image/jpeg": true, "image/png": true, "image/webp": true };
  var MAX_TRIES = 8;
  var THUMB_EDGE = 320;

  function UploadError(message, retry) {
    this.message = message;
    this.retry = retry;
  }

  function sleep(ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  }

  // The envelope's message for a refusal; a network failure, a 5xx or a 429 may pass if tried again.
  function failure(status, text) {
    var body = null;
    try {
      body = JSON.parse(text);
    } catch (ignored) {}
    if (status === 200 && body && body.code === 0) return null;
    var message = body && body.message ? body.message : "HTTP " + status;
    return new UploadError(message, status === 0 || status === 429 || status >= 500);
  }

  function api(method, path, json) {
    return fetch(base + path, {
      method: method,
      credentials: "same-origin",
      headers: json === undefined ? { "x-csrf-token": csrf } : { "content-type": "application/json", "x-csrf-token": csrf },
      body: json === undefined ? undefined : JSON.stringify(json),
    }).then(
      function (response) {
        return response.text().then(function (text) {
          var error = failure(response.status, text);
          if (error) throw error;
          return JSON.parse(text).data;
        });
      },
      function () {
        throw new UploadError(words.retrying, true);
      },
    );
  }

  // One part, by XMLHttpRequest: fetch cannot tell how far an upload has got.
  function sendPart(upload, number, blob, progress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open("PUT", base + "/uploads/" + upload.upload_id + "/parts/" + number);
      xhr.setRequestHeader("content-type", "application/octet-stream");
      xhr.setRequestHeader("x-csrf-token", csrf);
      xhr.upload.onprogress = function (event) {
        progress(event.loaded);
      };
      xhr.onload = function () {
        var error = failure(xhr.status, xhr.responseText);
        if (error) reject(error);
        else resolve(JSON.parse(xhr.responseText).data);
      };
      xhr.onerror = xhr.ontimeout = function () {
        reject(new UploadError(words.retrying, true));
      };
      xhr.send(blob);
    });
  }

  // Tries again what may pass on a second try, saying so on the row; a refusal ends at once.
  function patiently(row, step) {
    var tries = 0;
    function attempt() {
      return step().catch(function (error) {
        tries += 1;
        if (!(error instanceof UploadError) || !error.retry || tries >= MAX_TRIES) throw error;
        row.state(words.retrying);
        return sleep(Math.min(30000, 1000 * Math.pow(2, tries - 1))).then(attempt);
      });
    }
    return attempt();
  }

  function storageKey(file) {
    return "tm-upload:" + [file.name, file.size, file.lastModified, file.type].join("|");
  }

  function remembered(file) {
    try {
      return localStorage.getItem(storageKey(file));
    } catch (ignored) {
      return null;
    }
  }

  function remember(file, id) {
    try {
      if (id === null) localStorage.removeItem(storageKey(file));
      else localStorage.setItem(storageKey(file), id);
    } catch (ignored) {}
  }

  // The upload this file had begun (its parts still there), or a new one.
  function begin(file, meta, row) {
    var id = remembered(file);
    var fresh = function () {
      return patiently(row, function () {
        return api("POST", "/uploads", { content_type: file.type, size: file.size, part_size: PART_SIZE, file_name: file.name, tags: meta.tags, caption: meta.caption });
      }).then(function (upload) {
        remember(file, upload.upload_id);
        return upload;
      });
    };
    if (!id) return fresh();
    return api("GET", "/uploads/" + encodeURIComponent(id)).then(
      function (upload) {
        if (upload.parts.length > 0) row.state(words.resuming);
        return upload;
      },
      function (error) {
        if (error.retry) throw error;
        remember(file, null); // completed, aborted or swept: start again
        return fresh();
      },
    );
  }

  function sendFile(file, meta, row) {
    if (!TYPES[file.type]) return Promise.reject(new UploadError(words.wrongType, false));
    return begin(file, meta, row).then(function (upload) {
      var partSize = upload.part_size;
      var have = upload.parts.reduce(function (sum, part) {
        return sum + part.size;
      }, 0);
      row.progress(have);
      var chain = Promise.resolve();
      upload.missing.forEach(function (number) {
        chain = chain.then(function () {
          var start = (number - 1) * partSize;
          var blob = file.slice(start, Math.min(file.size, start + partSize));
          row.state(words.sending);
          return patiently(row, function () {
            return sendPart(upload, number, blob, function (loaded) {
              row.progress(have + loaded);
            });
          }).then(function () {
            have += blob.size;
            row.progress(have);
          });
        });
      });
      return chain
        .then(function () {
          return patiently(row, function () {
            return api("POST", "/uploads/" + upload.upload_id + "/complete");
          });
        })
        .then(function (material) {
          remember(file, null);
          return thumbnailOf(file)
            .then(function (blob) {
              if (!blob) return;
              return fetch(base + "/" + material.id + "/thumbnail", { method: "PUT", credentials: "same-origin", headers: { "content-type": "image/jpeg", "x-csrf-token": csrf }, body: blob });
            })
            .catch(function () {}) // a card without a picture is no reason to fail the upload
            .then(function () {
              return material;
            });
        });
    });
  }

  // A JPEG at most THUMB_EDGE px on its long side: an image's own, a video's frame at 1 s (or
  // halfway through a shorter one). Null when this browser cannot decode the file.
  function thumbnailOf(file) {
    return new Promise(function (resolve) {
      var url = URL.createObjectURL(file);
      var settled = false;
      function done(blob) {
        if (settled) return;
        settled = true;
        URL.revokeObjectURL(url);
        resolve(blob);
      }
      function draw(source, width, height) {
        if (!width || !height) return done(null);
        var scale = Math.min(1, THUMB_EDGE / Math.max(width, height));
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(width * scale);
        canvas.height = Math.round(height * scale);
        canvas.getContext("2d").drawImage(source, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(done, "image/jpeg", 0.75);
      }
      setTimeout(function () {
        done(null);
      }, 15000);
      if (file.type.indexOf("video/") === 0) {
        var video = document.createElement("video");
        video.muted = true;
        video.playsInline = true;
        video.preload = "auto";
        video.onloadedmetadata = function () {
          video.currentTime = Math.min(1, (video.duration || 0) / 2);
        };
        video.onseeked = function () {
          draw(video, video.videoWidth, video.videoHeight);
        };
        video.onerror = function () {
          done(null);
        };
        video.src = url;
      } else {
        var image = new Image();
        image.onload = function () {
          draw(image, image.naturalWidth, image.naturalHeight);
        };
        image.onerror = function () {
          done(null);
        };
        image.src = url;
      }
    });
  }

  function rowFor(file) {
    var item = document.createElement("li");
    var name = document.createElement("span");
    name.className = "name";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = file.size || 1;
    bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    var state = document.createElement("span");
    state.className = "hint";
    state.textContent = words.waiting;
    item.append(name, bar, state);
    list.append(item);
    return {
      item: item,
      progress: function (bytes) {
        bar.value = Math.min(bytes, bar.max);
      },
      state: function (text) {
        state.textContent = text;
      },
    };
  }

  // The new material among the post's picks (the post page's list), checked.
  function pick(material) {
    var picked = form.dataset.picked && document.getElementById(form.dataset.picked);
    if (!picked) return;
    var item = document.createElement("li");
    item.className = "card";
    var label = document.createElement("label");
    label.className = "choice";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.name = "material";
    box.value = String(material.id);
    box.checked = true;
    label.append(box, " " + material.file_name);
    item.append(label);
    picked.prepend(item);
    var none = document.getElementById("no-materials");
    if (none) none.remove();
    // The file was uploaded to be posted: the post now uses the files chosen.
    var chosen = document.querySelector('input[name="media"][value="chosen"]');
    if (chosen && !chosen.checked) {
      chosen.checked = true;
      chosen.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  // The library's list again, with what was just uploaded.
  function refreshList() {
    var region = document.getElementById("library-list");
    if (!region) return;
    fetch(location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        var fresh = html && new DOMParser().parseFromString(html, "text/html").getElementById("library-list");
        if (fresh) region.replaceWith(fresh);
      })
      .catch(function () {});
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var files = Array.prototype.slice.call(form.elements.files.files);
    if (files.length === 0) return;
    var meta = {
      tags: form.elements.tags.value
        .split(/[,，]/)
        .map(function (tag) {
          return tag.trim();
        })
        .filter(Boolean),
      caption: form.elements.caption ? form.elements.caption.value : "",
    };
    button.disabled = true;
    var any = false;
    var chain = Promise.resolve();
    files.forEach(function (file) {
      var row = rowFor(file);
      chain = chain.then(function () {
        return sendFile(file, meta, row).then(
          function (material) {
            any = true;
            row.progress(file.size);
            row.state(words.done);
            row.item.dataset.material = String(material.id);
            pick(material);
          },
          function (error) {
            row.item.classList.add("failed");
            row.state(words.failed + ": " + (error && error.message ? error.message : String(error)));
          },
        );
      });
    });
    chain.then(function () {
      button.disabled = false;
      form.elements.files.value = "";
      if (any) refreshList();
    });
  });
})();
