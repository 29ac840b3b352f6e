/* The hosted guide works offline after one visit (guide/pwa.py): once the page has loaded, over
   http(s), where the page links the app's manifest, this registers the service worker. A new
   version waits behind a notice (role=status, in the header's colours) until "Reload" is pressed. */
(function () {
  var link = document.querySelector('link[rel="manifest"]'), sw = navigator.serviceWorker, shown = 0, asked;
  if (!link || !sw || !/^https?:$/.test(location.protocol)) return;
  function notify(next) {
    if (shown++) return;
    var box = document.createElement("div"), button = document.createElement("button");
    box.className = "md-dialog md-dialog--active";
    box.setAttribute("role", "status");
    box.style.cssText = "background:var(--md-primary-fg-color);color:#fff;font-size:.8rem;--guide-focus:#ffd740";
    button.style.cssText = "margin:.3em 0;padding:.5em 1em;border:0;background:#fff;color:#004d40;font:inherit";
    var es = document.documentElement.lang === "es";  // the Spanish edition's pages
    button.textContent = es ? "Recargar" : "Reload";
    button.onclick = function () { asked = button.disabled = true; next.postMessage({ type: "SKIP_WAITING" }); };
    document.body.appendChild(box);
    // Filled after the empty status box is in the page, so that screen readers announce it.
    setTimeout(function () {
      box.append(es ? "Hay una versión nueva de esta guía. " : "A new version of this guide is ready. ", button);
    }, 100);
  }
  function watch(reg) {
    if (reg.waiting && sw.controller) notify(reg.waiting);
    reg.onupdatefound = function () {
      var next = reg.installing;
      next.onstatechange = function () { // no controller yet: a first visit, nothing to announce
        if (next.state == "installed" && sw.controller) notify(next);
      };
    };
  }
  sw.oncontrollerchange = function () { if (asked) location.reload(); };
  function register() { sw.register(new URL("sw.js", link.href)).then(watch, function () {}); }
  // Once the page has loaded and the browser is idle: the copy never competes with the page.
  addEventListener("load", function () {
    if (window.requestIdleCallback) requestIdleCallback(register, { timeout: 5000 });
    else setTimeout(register, 1000);
  });
})();
