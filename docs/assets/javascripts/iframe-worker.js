/* A stand-in for Web Workers when the guide is opened from the disk (file://), so search works
 * in the offline copy without loading anything from another machine.
 *
 * Material runs search in a Web Worker. Chromium refuses `new Worker("file:///...")`, because
 * a page opened from the disk has no origin a worker could share. This script replaces
 * `window.Worker`, on file:// only, with an object that runs the worker's script in a hidden,
 * blank <iframe> instead: the frame has its own globals (so the worker's `addEventListener`
 * and `postMessage` do not clash with the page's), and messages pass between page and frame as
 * "message" events, asynchronously, as they do with a real worker. It stands in for the
 * `iframe-worker` npm package, which the offline plugin would otherwise load from a CDN. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  var here = document.currentScript && document.currentScript.src;
  function guide() { return window.GuideSearch; }
  // search-query.js rewrites the reader's question and the results (see lazy-search.js).
  var queryScript = new Promise(function (resolve) {
    var script = document.createElement("script");
    script.src = new URL("search-query.js", here || document.baseURI).href;
    script.onload = script.onerror = function () { resolve(); };
    document.head.appendChild(script);
  });

  function IFrameWorker(url) {
    var target = new EventTarget(), frame = document.createElement("iframe"), inner;
    url = new URL(url, document.baseURI).href;  // as a Worker reads it: from this page
    frame.hidden = true;
    function load(src) {  // a script in the frame; resolves once it has run
      return new Promise(function (resolve, reject) {
        var script = inner.document.createElement("script");
        script.src = new URL(src, url).href;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("could not load " + script.src)); };
        inner.document.documentElement.appendChild(script);
      });
    }
    // The frame's document is written from `srcdoc`, so it shares the page's origin and rules,
    // and is used once loaded: a blank frame's first document may be swapped out after that.
    var ready = queryScript.then(function () { return new Promise(function (resolve) {
      frame.addEventListener("load", resolve, { once: true });
      frame.srcdoc = "<!doctype html><title>Search</title>";
      (document.body || document.documentElement).appendChild(frame);
    }); }).then(function () {
      inner = frame.contentWindow;
      // The worker's side: `postMessage` reaches the page; `importScripts` loads scripts in order.
      inner.postMessage = function (data) {
        if (guide()) data = guide().reply(data);
        setTimeout(function () { target.dispatchEvent(new MessageEvent("message", { data: data })); });
      };
      inner.importScripts = function () {
        return [].reduce.call(arguments, function (done, src) {
          return done.then(function () { return load(src); });
        }, Promise.resolve());
      };
      return load(url);
    }).catch(function (error) {
      console.error("Search could not start: " + error.message);
      target.dispatchEvent(new ErrorEvent("error", { message: error.message }));
    });
    // The page's side: the Worker interface Material uses.
    target.postMessage = function (data) {
      ready.then(function () { if (guide()) data = guide().message(data); }).then(function () { inner.dispatchEvent(new inner.MessageEvent("message", { data: data })); });
    };
    target.terminate = function () { frame.remove(); };
    return target;
  }

  window.IFrameWorker = IFrameWorker;  // Material's search worker looks for this name
  window.Worker = IFrameWorker;
})();
