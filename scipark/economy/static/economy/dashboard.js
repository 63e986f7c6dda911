// scipark economy dashboard: draws the ECharts charts from the data the page passes with json_script.
// No inline scripts or styles (CSP 'self'): each chart is a <div class="sp-chart" data-chart="kind"
// data-source="json-script-id">; sizes come from economy.css.
(function () {
  "use strict";

  function readData(id) {
    var node = document.getElementById(id);
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function fmt(value, digits) {
    if (value === null || value === undefined) { return "—"; }
    return Number(value).toLocaleString("zh-CN", { maximumFractionDigits: digits === undefined ? 2 : digits });
  }

  var palette = ["#0d6efd", "#adb5bd", "#198754", "#ffc107", "#dc3545", "#6f42c1", "#20c997", "#fd7e14"];

  function lineOption(data) {
    return {
      color: palette,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v) + " " + (data.unit || ""); } },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 36, bottom: 30 },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", name: data.unit || "" },
      series: data.series.map(function (s) {
        return { name: s.name, type: s.type || "line", data: s.data, connectNulls: false, smooth: false };
      })
    };
  }

  function barOption(data) {
    var horizontal = !!data.horizontal;
    var category = { type: "category", data: data.labels, axisLabel: { interval: 0, width: 140, overflow: "truncate" } };
    var value = { type: "value", name: data.unit || "" };
    return {
      color: palette,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v) + " " + (data.unit || ""); } },
      grid: { left: horizontal ? 150 : 60, right: 30, top: 30, bottom: horizontal ? 30 : 60 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: data.series.map(function (s) {
        return {
          name: s.name, type: "bar", data: s.data,
          itemStyle: { color: function (p) { return p.value < 0 ? "#dc3545" : palette[0]; } }
        };
      })
    };
  }

  function gaugeOption(data) {
    var completion = data.completion === null ? 0 : data.completion;
    return {
      series: [{
        type: "gauge", min: 0, max: Math.max(100, Math.ceil(completion / 10) * 10),
        progress: { show: true, width: 12 },
        axisLine: { lineStyle: { width: 12 } },
        axisLabel: { distance: 16, fontSize: 10 },
        splitLine: { length: 8 },
        pointer: { width: 4 },
        title: { offsetCenter: [0, "70%"], fontSize: 12 },
        detail: { valueAnimation: false, fontSize: 18, offsetCenter: [0, "40%"], formatter: function (v) {
          return data.completion === null ? "—" : fmt(v, 1) + "%";
        } },
        markLine: undefined,
        data: [{ value: completion, name: data.time_label }]
      }]
    };
  }

  var builders = { line: lineOption, bar: barOption, gauge: gaugeOption };
  var charts = [];

  function draw(el) {
    var kind = el.getAttribute("data-chart");
    var data = readData(el.getAttribute("data-source"));
    if (!data || !builders[kind] || typeof window.echarts === "undefined") { return; }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(builders[kind](data));
    el.setAttribute("data-rendered", "true");
    charts.push(chart);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".sp-chart[data-chart]").forEach(draw);
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();
