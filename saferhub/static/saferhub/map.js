// Draws the LSOA rate map: <div id="lsoa-map" data-geojson="ID"> gets the GeoJSON that Django's
// json_script wrote into <script type="application/json" id="ID">, each feature carrying its fill colour,
// name and figures. Tiles only when the page names a tile server (data-tiles, SAFERHUB_MAP_TILES);
// otherwise the polygons sit on a plain background. The container stays hidden until drawn, so without
// JavaScript the page shows the legend and the table of the same figures. Load after vendor/leaflet/leaflet.js.
(function () {
  "use strict";

  function label(properties) {
    var rate = properties.rate === null ? "no population figure" : properties.rate + " per 1,000 residents";
    return properties.lsoa_name + " (" + properties.lsoa_code + "): " + properties.count + " records, " + rate;
  }

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-geojson"));
    if (!source || typeof window.L === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    if (!data.features.length) {
      return;
    }
    container.hidden = false; // Leaflet measures the element, so show it first
    var map = window.L.map(container, { scrollWheelZoom: false, zoomSnap: 0.25 });
    var tiles = container.getAttribute("data-tiles");
    if (tiles) {
      window.L.tileLayer(tiles, {
        attribution: container.getAttribute("data-attribution") || "",
        maxZoom: 18,
      }).addTo(map);
    }
    var layer = window.L.geoJSON(data, {
      style: function (feature) {
        return { fillColor: feature.properties.colour, fillOpacity: tiles ? 0.7 : 1, color: "#ffffff", weight: 1 };
      },
      onEachFeature: function (feature, shape) {
        shape.bindTooltip(label(feature.properties), { sticky: true });
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds());
  }

  function drawAll() {
    document.querySelectorAll("[data-geojson]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
