/* The cost estimator on the "Booking and cost" page.
 * The figures come from data/costs.yml, written into the estimator's data- attributes at build time,
 * so this works offline. Without JavaScript it stays hidden and the static tables remain.
 * Loaded by the page that has the estimator (macros: cost_estimator), not by every page. */
(function () {
  "use strict";
  // "$1,234" or "$1,234.50". Written out rather than toLocaleString: setting up the browser's
  // number formatter costs a cheap phone about 50 ms on first use (Lighthouse, issue 5).
  function money(amount) {
    var text = amount === Math.round(amount) ? String(amount) : amount.toFixed(2);
    return "$" + text.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }
  // The result in the page's language: the Spanish edition's pages say <html lang="es">.
  var spanish = document.documentElement.lang === "es";
  function invalid(max) {
    return spanish ? "Escriba un número entero de visitas, de 1 a " + max + "."
                   : "Enter a whole number of visits from 1 to " + max + ".";
  }
  function result(total, visits) {
    return spanish ? "Unos " + money(total) + " por " + visits + (visits === 1 ? " visita" : " visitas") + " (estimado)"
                   : "About " + money(total) + " for " + visits + (visits === 1 ? " visit" : " visits") + " (estimate)";
  }
  function setUp(box) {
    var initial = Number(box.dataset.initial);
    var followUp = Number(box.dataset.followUp);
    var input = box.querySelector("input");
    var output = box.querySelector("output");
    var max = Number(input.max);
    function update() {
      var visits = Number(input.value);
      if (!Number.isInteger(visits) || visits < 1 || visits > max) {
        output.textContent = invalid(max);
        return;
      }
      var total = initial + (visits - 1) * followUp;
      output.textContent = result(total, visits);
    }
    input.addEventListener("input", update);
    box.hidden = false;
    update();
  }
  function start() {
    document.querySelectorAll(".cost-estimator[hidden]").forEach(setUp);
  }
  // Material swaps page content without a reload only with instant navigation, which this
  // guide keeps off, so the page's own load is enough.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
