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
      grid: { left: 60, right: 20, top: 56, bottom: 30 },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", name: data.unit || "", nameGap: 10 },
      series: data.series.map(function (s) {
        return { name: s.name, type: s.type || "line", data: s.data, connectNulls: false, smooth: false };
      })
    };
  }

  function barOption(data, width) {
    var horizontal = !!data.horizontal;
    // Sideways bars (the industry breakdown): the names take at most two fifths of the chart, and the value
    // axis shows only the ticks that fit. With 150 px of names on a phone's 300 px card the axis had ~120 px
    // left and drew "300600900" run together.
    var names = horizontal ? Math.min(140, Math.round(width * 0.4)) : 140;
    // Sideways, every bar is named (truncated to its width); upright (the months), the axis names the bars it
    // has room for: twelve months on a phone's 300 px card read "Jan–FebMarAprMay" run together.
    var category = {
      type: "category", data: data.labels,
      axisLabel: horizontal ? { interval: 0, width: names, overflow: "truncate" } : { hideOverlap: true }
    };
    var value = { type: "value", name: data.unit || "", nameGap: 10, axisLabel: { hideOverlap: true } };
    // Each series its own colour (this year / last year), named in a legend when there are several;
    // a negative bar is red only when a single series is drawn (two colours already carry meaning).
    var several = data.series.length > 1;
    return {
      color: palette,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v) + " " + (data.unit || ""); } },
      legend: several ? { top: 0 } : undefined,
      grid: { left: horizontal ? names + 10 : 60, right: 30, top: several ? 56 : 30, bottom: horizontal ? 30 : 60 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: data.series.map(function (s, index) {
        var colour = palette[index % palette.length];
        return {
          name: s.name, type: "bar", data: s.data,
          itemStyle: { color: several ? colour : function (p) { return p.value < 0 ? "#dc3545" : colour; } }
        };
      })
    };
  }

  // A target gauge. Amounts: completion (%) on 0–100 (or more), the time progress as the axis colour
  // change. Growth targets: the rate itself on [min, max], the target rate as the colour change, so a
  // rate above the target reads above it. No title inside the dial (the card's text below names the
  // target and the time progress) and no tick labels: on a 220 px dial they overlapped the value.
  function gaugeOption(data) {
    var growth = data.kind === "growth";
    var value = growth ? data.value : data.completion;
    var min = growth ? data.min : 0;
    var max = growth ? data.max : Math.max(100, Math.ceil((value || 0) / 10) * 10);
    var mark = growth ? data.target : data.time_progress;
    var split = Math.min(Math.max((mark - min) / (max - min), 0), 1);
    return {
      animation: false,
      series: [{
        type: "gauge", min: min, max: max, radius: "95%", center: ["50%", "58%"],
        progress: { show: value !== null, width: 12 },
        axisLine: { lineStyle: { width: 12, color: [[split, "#e9ecef"], [1, "#d1e7dd"]] } },
        axisTick: { show: false },
        axisLabel: { show: false },
        splitLine: { show: false },
        pointer: { show: value !== null, width: 4, length: "60%" },
        anchor: { show: false },
        title: { show: false },
        detail: { valueAnimation: false, fontSize: 18, offsetCenter: [0, "45%"], formatter: function (v) {
          return value === null ? "—" : fmt(v, 1) + "%";
        } },
        data: [{ value: value === null ? min : value }]
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
    chart.setOption(builders[kind](data, el.clientWidth || 600));
    el.setAttribute("data-rendered", "true");
    charts.push(chart);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".sp-chart[data-chart]").forEach(draw);
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();
