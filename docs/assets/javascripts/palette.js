/* The colour switch (partials/palette.html, which says how it works); colours: colors.html. */
(function () {
  var colors = window.__guide_colors, button = document.querySelector("[data-guide-palette]"), body = document.body;
  if (!colors || !button) return;
  function show() { button.setAttribute("aria-pressed", String(colors.current() === colors.dark)); }
  button.addEventListener("click", function () {
    var want = colors.current() === colors.dark ? colors.bright : colors.dark;
    body.setAttribute("data-md-color-switching", "");
    setTimeout(function () { body.removeAttribute("data-md-color-switching"); });
    colors.chosen = want === colors.system() ? null : want;
    colors.apply();
    show();
    var color = colors.chosen || { media: "(prefers-color-scheme)" };
    try { __md_set("__palette", { color: color }); } catch (e) {}
  });
  colors.light.addEventListener("change", function () {
    if (!colors.chosen) { colors.apply(); show(); }
  });
  show();
})();
