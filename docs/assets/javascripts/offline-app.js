/* The offline app: guide/pwa.py. A new version waits for "Reload". */
(function () {
  var link = document.querySelector('link[rel="manifest"]'), sw = navigator.serviceWorker, asked;
  if (!link || !sw || !/^https?:$/.test(location.protocol)) return;
  function notify(next) {
    if (document.querySelector(".guide-update")) return;
    var box = document.createElement("div"), button = document.createElement("button");
    box.className = "md-dialog md-dialog--active guide-update";
    box.setAttribute("role", "status");
    document.body.appendChild(box);
    button.className = "md-button md-button--primary";
    button.textContent = "Reload";
    button.onclick = function () { asked = button.disabled = true; next.postMessage({ type: "SKIP_WAITING" }); };
    setTimeout(function () { // after the empty status box: announced
      box.innerHTML = '<p class="md-dialog__inner">A new version of this guide is ready. </p>';
      box.firstChild.appendChild(button);
    }, 100);
  }
  function watch(reg) {
    if (reg.waiting && sw.controller) notify(reg.waiting);
    reg.onupdatefound = function () {
      var next = reg.installing;
      next.onstatechange = function () { if (next.state == "installed" && sw.controller) notify(next); };
    };
  }
  sw.oncontrollerchange = function () { if (asked) location.reload(); };
  addEventListener("load", function () { sw.register(new URL("sw.js", link.href)).then(watch, function () {}); });
})();
