/* The printable handout runs none of Material's script (overrides/handout.html). That script is
 * what follows the system's light or dark setting for a reader who has not picked colours; this
 * does the same here. A choice the reader made on another page is applied by Material's own
 * inline script, before this runs. */
(function () {
  "use strict";
  // hooks/page_speed.py marks <body> as Material's script does while it sets colours; here no
  // such script runs, so the mark comes off at once (it switches off CSS transitions).
  document.body.removeAttribute("data-md-color-switching");
  if (typeof __md_get !== "function" || __md_get("__palette")) return;
  var light = matchMedia("(prefers-color-scheme: light)").matches;
  var input = document.querySelector("[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']");
  if (!input) return;
  ["scheme", "primary", "accent"].forEach(function (key) {
    document.body.setAttribute("data-md-color-" + key, input.getAttribute("data-md-color-" + key));
  });
})();
