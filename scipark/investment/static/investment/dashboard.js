// scipark investment overview: the funnel and the target gauges, drawn with ECharts from the data the
// page passes with json_script. No inline scripts or styles (CSP 'self'): each chart is a
// <div class="sp-inv-chart" data-chart="kind" data-source="json-script-id">; sizes come from investment.css.
(function () {
  "use strict";

  function readData(id) {
    var node = document.getElementById(id);
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  var OK = "#198754", BEHIND = "#dc3545", TIME = "#ffc107", TRACK = "#e9ecef";

  function funnelOption(rows) {
    var largest = Math.max.apply(null, rows.map(function (r) { return r.value; }).concat([1]));
    return {
      color: ["#0d6efd", "#3d8bfd", "#6ea8fe", "#9ec5fe", "#20c997", "#198754"],
      tooltip: { trigger: "item", formatter: "{b}: {c}" },
      series: [{
        type: "funnel", sort: "none", gap: 2, min: 0, max: largest, minSize: "12%",
        left: "5%", width: "90%", top: 8, bottom: 8,
        label: { show: true, position: "inside", formatter: "{b} {c}", color: "#fff" },
        data: rows
      }]
    };
  }

  // Completion as the gauge's progress bar; time progress as a mark on the ring (a second series' pointer).
  function gaugeOption(data) {
    var completion = data.completion === null ? 0 : data.completion;
    var max = Math.max(100, Math.ceil(completion / 10) * 10);
    var colour = data.behind ? BEHIND : OK;
    return {
      series: [{
        type: "gauge", min: 0, max: max, startAngle: 210, endAngle: -30,
        progress: { show: true, width: 12, itemStyle: { color: colour } },
        axisLine: { lineStyle: { width: 12, color: [[1, TRACK]] } },
        axisTick: { show: false },
        splitLine: { length: 6, distance: 2 },
        axisLabel: { distance: 14, fontSize: 9 },
        pointer: { show: false },
        anchor: { show: false },
        title: { offsetCenter: [0, "72%"], fontSize: 11, color: "#6c757d" },
        detail: { valueAnimation: false, fontSize: 18, offsetCenter: [0, "15%"], color: colour,
          formatter: function () { return data.completion === null ? "—" : data.completion.toFixed(1) + "%"; } },
        data: [{ value: completion, name: data.time_label }]
      }, {
        type: "gauge", min: 0, max: max, startAngle: 210, endAngle: -30,
        axisLine: { show: false }, axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false },
        // A triangle on the ring pointing at time progress (offsetCenter moves it along its angle).
        pointer: { show: true, icon: "triangle", length: "16%", width: 12, offsetCenter: [0, "-62%"],
          itemStyle: { color: TIME, borderColor: "#6c757d", borderWidth: 1 } },
        anchor: { show: false },
        title: { show: false }, detail: { show: false },
        data: [{ value: data.time_progress }]
      }]
    };
  }

  var builders = { funnel: funnelOption, gauge: gaugeOption };
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
    document.querySelectorAll(".sp-inv-chart[data-chart]").forEach(draw);
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();
