/* Keyboard access to Material's menu and search buttons on narrow screens (phones, and desktops
   zoomed to 125% or more). Material makes them bare <label>s, which Tab never reaches: each gets
   a real <button> inside that Enter and Space press. An opened menu takes the focus (Escape
   closes it and gives it back), and so does an opened search box. */
(function () {
  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  var query = document.querySelector("input.md-search__input");
  var menu = null;
  document.querySelectorAll('label.md-header__button[for="__drawer"], label.md-header__button[for="__search"]')
    .forEach(function (label) {
      var toggle = document.getElementById(label.htmlFor);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "guide-toggle";
      button.setAttribute("aria-label", toggle === drawer ? "Menu" : "Search");
      while (label.firstChild) button.appendChild(label.firstChild);
      label.appendChild(button);
      button.addEventListener("click", function () { toggle.click(); });
      if (toggle === drawer) {
        menu = button;
        button.setAttribute("aria-expanded", "false");
      }
    });
  if (search && query) search.addEventListener("change", function () {
    if (search.checked) setTimeout(function () { query.focus(); }, 0);
  });
  if (!drawer || !menu) return;
  drawer.addEventListener("change", function () {
    menu.setAttribute("aria-expanded", String(drawer.checked));
    var first = document.querySelector(".md-sidebar--primary a[href]");
    if (drawer.checked && first && menu.offsetParent) first.focus();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && drawer.checked) {
      drawer.click();
      menu.focus();
    }
  });
})();
