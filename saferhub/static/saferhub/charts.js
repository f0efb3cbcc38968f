// Draws every chart on the page: <div data-vega-lite="ID"> gets the Vega-Lite spec that Django's
// json_script wrote into <script type="application/json" id="ID">. The container stays hidden until
// drawn, so without JavaScript (or if drawing fails) the page shows only the table of the same figures.
// The container keeps its own role and aria-label: Vega draws into a child it would otherwise relabel.
// Load after vendor/vega/vega.min.js, vega-lite.min.js and vega-embed.min.js.
(function () {
  "use strict";

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-vega-lite"));
    if (!source || typeof window.vegaEmbed !== "function") {
      return;
    }
    var target = document.createElement("div");
    target.setAttribute("aria-hidden", "true");
    container.replaceChildren(target);
    container.hidden = false; // a "container"-wide chart takes its width from the element, so show it first
    window
      .vegaEmbed(target, JSON.parse(source.textContent), { actions: false, renderer: "svg" })
      .catch(function (error) {
        container.hidden = true;
        console.error("chart not drawn:", error);
      });
  }

  function drawAll() {
    document.querySelectorAll("[data-vega-lite]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
