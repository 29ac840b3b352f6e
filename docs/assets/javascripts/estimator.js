/* The cost estimator on the "Booking and cost" page.
 * The figures come from data/costs.yml, written into the form's data- attributes at build time,
 * so this works offline. Without JavaScript the form stays hidden and the static tables remain. */
(function () {
  "use strict";
  function money(amount) {
    var whole = amount === Math.round(amount);
    return "$" + amount.toLocaleString("en-US", { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
  }
  function setUp(form) {
    var initial = Number(form.dataset.initial);
    var followUp = Number(form.dataset.followUp);
    var input = form.querySelector("input");
    var output = form.querySelector("output");
    var max = Number(input.max);
    function update() {
      var visits = Number(input.value);
      if (!Number.isInteger(visits) || visits < 1 || visits > max) {
        output.textContent = "Enter a whole number of visits from 1 to " + max + ".";
        return;
      }
      var total = initial + (visits - 1) * followUp;
      output.textContent = "About " + money(total) + " for " + visits + (visits === 1 ? " visit" : " visits") + " (estimate)";
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    input.addEventListener("input", update);
    form.hidden = false;
    update();
  }
  function start() {
    document.querySelectorAll("form.cost-estimator[hidden]").forEach(setUp);
  }
  // Material swaps page content without a reload when instant navigation is on; this guide
  // keeps it off, so the page's own load event is enough.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
