/* Appeal statistics charts (ECharts); data comes from the json_script block "appeal-chart-data". */
(function () {
  "use strict";

  function draw() {
    var source = document.getElementById("appeal-chart-data");
    if (!source || typeof window.echarts === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var charts = [];

    function make(id) {
      var el = document.getElementById(id);
      if (!el) {
        return null;
      }
      el.style.height = "320px";
      var chart = window.echarts.init(el);
      charts.push(chart);
      return chart;
    }

    var months = make("chart-months");
    if (months) {
      months.setOption({
        tooltip: { trigger: "axis" },
        legend: { data: [data.labels.received, data.labels.resolved] },
        xAxis: { type: "category", data: data.months },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: data.labels.received, type: "bar", data: data.received },
          { name: data.labels.resolved, type: "line", data: data.resolved }
        ]
      });
    }
    var categories = make("chart-categories");
    if (categories) {
      categories.setOption({
        tooltip: { trigger: "item" },
        series: [{ type: "pie", radius: ["35%", "65%"], data: data.categories }]
      });
    }
    var departments = make("chart-departments");
    if (departments) {
      departments.setOption({
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.departments },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ name: data.labels.closed, type: "bar", data: data.department_closed }]
      });
    }
    window.addEventListener("resize", function () {
      charts.forEach(function (c) { c.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
