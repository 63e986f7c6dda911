/* 地下管网一张图: Leaflet on a plain background (no tile server), layers fetched for the viewport. */
(function () {
  "use strict";
  var STYLE = {
    rain: { color: "#1f77b4", weight: 4 },
    sewage: { color: "#8c564b", weight: 4 },
    water_supply: { color: "#17becf", weight: 3, dashArray: "6 4" },
    manhole: { color: "#555", fillColor: "#aaa", radius: 3 },
    outfall: { color: "#1f77b4", fillColor: "#1f77b4", radius: 6 },
    misconnection: { color: "#d62728", fillColor: "#d62728", radius: 6 },
    monitoring: { color: "#2ca02c", fillColor: "#2ca02c", radius: 6 },
    enterprise: { color: "#6f42c1", fillColor: "#e2d9f3", radius: 7 },
    findings: { color: "#ff7f0e", fillColor: "#ff7f0e", radius: 8 },
  };
  function init() {
    var element = document.getElementById("network-map");
    var config = JSON.parse(document.getElementById("map-config").textContent);
    var map = L.map(element, { preferCanvas: false }).setView([config.centre[1], config.centre[0]], 15);
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { maxZoom: 19 }).addTo(map);
    }
    L.control.scale({ imperial: false }).addTo(map);
    var groups = {};
    var pending = {};
    function load(code) {
      var bounds = map.getBounds();
      var bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].join(",");
      var url = config.layerUrl.replace("LAYER", code) + "?bbox=" + bbox + "&zoom=" + map.getZoom();
      if (pending[code]) pending[code].abort();
      var controller = new AbortController();
      pending[code] = controller;
      fetch(url, { signal: controller.signal, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (groups[code]) map.removeLayer(groups[code]);
          var style = STYLE[code] || {};
          groups[code] = L.geoJSON(data, {
            style: function () { return style; },
            pointToLayer: function (feature, latlng) {
              return L.circleMarker(latlng, Object.assign({ fillOpacity: 0.9, weight: 2 }, style));
            },
            onEachFeature: function (feature, layer) {
              var p = feature.properties || {};
              // Leaflet puts a string tooltip in with innerHTML: names are typed by people, so pass a text node.
              layer.bindTooltip(document.createTextNode(
                (config.labels[code] || code) + " " + (p.code || "") + (p.name ? " " + p.name : "")));
              layer.on("click", function () { if (p.url) window.location.href = p.url; });
              if (layer.getElement) {
                layer.on("add", function () {
                  var el = layer.getElement();
                  if (el) { el.setAttribute("data-feature", code + ":" + (p.code || "")); }
                });
              }
            },
          }).addTo(map);
          element.setAttribute("data-loaded-" + code, String(data.features.length));
        })
        .catch(function () { /* a newer request replaced this one */ });
    }
    function active() {
      return Array.prototype.filter.call(document.querySelectorAll("[data-layer]"), function (b) { return b.checked; });
    }
    function refresh() { active().forEach(function (box) { load(box.value); }); }
    document.querySelectorAll("[data-layer]").forEach(function (box) {
      box.addEventListener("change", function () {
        if (box.checked) { load(box.value); }
        else if (groups[box.value]) { map.removeLayer(groups[box.value]); delete groups[box.value]; element.removeAttribute("data-loaded-" + box.value); }
      });
    });
    map.on("moveend", refresh);
    refresh();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
