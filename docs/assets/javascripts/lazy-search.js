/* Search loads when the reader opens it (the box gets the focus, or the search button is
 * pressed), not with every page: Material fetches its index and worker (~23 KB) at once. Loaded
 * before Material's script (overrides/main.html), this holds both back, then loads
 * search-query.js, which rewrites each question and result (GuideSearch). The offline copy
 * (file://) is left to iframe-worker.js. */
(function () {
  "use strict";
  if (location.protocol === "file:" || !window.Worker || !window.EventTarget) return;
  var here = document.currentScript && document.currentScript.src;
  var opened = false;
  var waiting = [];
  function whenOpened(run) {
    if (opened) run(); else waiting.push(run);
  }
  function open() {
    if (opened) return;
    opened = true;
    var script = document.createElement("script");
    script.src = new URL("search-query.js", here || document.baseURI).href;
    script.onload = script.onerror = function () {
      waiting.splice(0).forEach(function (run) { run(); });
    };
    document.head.appendChild(script);
  }
  function guide() { return window.GuideSearch; }

  var xhrOpen = XMLHttpRequest.prototype.open;
  var xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.guideSearchIndex = /search\/search_index\.json$/.test(String(url));
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.guideSearchIndex) return xhrSend.apply(request, args);
    whenOpened(function () { xhrSend.apply(request, args); });
  };

  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    var proxy = new EventTarget();
    var worker = null;
    var queue = [];
    whenOpened(function () {
      worker = new RealWorker(url, options);
      worker.addEventListener("message", function (event) {
        var data = guide() ? guide().reply(event.data) : event.data;
        proxy.dispatchEvent(new MessageEvent("message", { data: data }));
      });
      queue.splice(0).forEach(send);
    });
    // Each message goes through search-query.js when it is sent to the worker, never before it
    // has loaded: a setup or a question from a reader who typed while it loaded is rewritten too.
    function send(message) { worker.postMessage(guide() ? guide().message(message) : message); }
    proxy.postMessage = function (message) {
      if (worker) send(message); else queue.push(message);
    };
    proxy.terminate = function () { if (worker) worker.terminate(); };
    return proxy;
  };

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("form[name=search]")) open();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") open();
  });
  // Arriving from a search result (?h=...), the page highlights the words: search is in use.
  if (/[?&]h=/.test(location.search)) open();
})();
