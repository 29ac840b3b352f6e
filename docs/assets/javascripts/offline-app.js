/* The hosted guide works offline after one visit: once the page has loaded, this registers the
   service worker (sw.js, made at build time by guide/pwa.py), which keeps a copy of every page,
   the search and the estimator. Only over http(s) (browsers refuse workers from file://, and the
   offline copy has none), and only where the page links the app's manifest (hosted builds).
   When a new version of the guide is published, the new worker waits, and a notice says so, with
   a "Reload" button: the page reloads only when the reader presses it. */
(function () {
  var manifest = document.querySelector('link[rel="manifest"]');
  if (!manifest || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var worker = new URL("sw.js", manifest.href).href;
  var reloading = false;

  function notify(waiting) {
    if (document.querySelector(".guide-update")) return;
    var box = document.createElement("div");
    box.className = "md-dialog md-dialog--active guide-update";
    box.setAttribute("role", "status");
    document.body.appendChild(box);
    // Filled after the empty status box is in the page, so screen readers announce the text.
    setTimeout(function () {
      var text = document.createElement("p");
      text.className = "md-dialog__inner";
      text.textContent = "A new version of this guide is ready. ";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button md-button--primary";
      button.textContent = "Reload";
      button.addEventListener("click", function () {
        reloading = true;
        button.disabled = true;
        waiting.postMessage({ type: "SKIP_WAITING" });
      });
      text.appendChild(button);
      box.appendChild(text);
    }, 100);
  }

  function watch(registration) {
    // A worker waiting behind the one serving this page: a new version, ready.
    if (registration.waiting && navigator.serviceWorker.controller) notify(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var installing = registration.installing;
      if (!installing) return;
      installing.addEventListener("statechange", function () {
        // On a first visit there is no controller yet: nothing to announce.
        if (installing.state === "installed" && navigator.serviceWorker.controller) notify(installing);
      });
    });
  }

  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (reloading) location.reload();
  });

  function register() {
    navigator.serviceWorker.register(worker).then(watch, function () {});
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
})();
