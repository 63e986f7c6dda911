// The chain diagram: 上游 → 中游 → 下游, each segment with its member enterprises beneath it.
// Data comes from the page through json_script (the CSP forbids inline scripts).
(function () {
  "use strict";
  // A node's tooltip: its name and chain role, as text nodes. Names and roles are typed by people, so
  // they never go through innerHTML (an ECharts formatter's string is HTML; a DOM node is not parsed).
  function tooltip(p) {
    if (p.dataType !== "node") { return ""; }
    var box = document.createElement("div");
    [p.data.name, p.data.value].forEach(function (text) {
      if (!text) { return; }
      var line = document.createElement("div");
      line.textContent = text;
      box.appendChild(line);
    });
    return box;
  }
  function draw() {
    var el = document.getElementById("chain-diagram");
    var source = document.getElementById("chain-diagram-data");
    if (!el || !source || typeof echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var nodes = [];
    var links = [];
    var columnWidth = 320;
    var rowHeight = 34;
    var tallest = 0;
    data.segments.forEach(function (segment, column) {
      var x = column * columnWidth;
      var head = segment.label + " (" + segment.members.length + ")";
      nodes.push({
        id: "segment-" + segment.key, name: head, x: x, y: 0, symbol: "roundRect",
        symbolSize: [150, 36], itemStyle: { color: "#0d6efd" },
        label: { show: true, color: "#fff", fontWeight: "bold" }
      });
      if (column > 0) {
        links.push({
          source: "segment-" + data.segments[column - 1].key, target: "segment-" + segment.key,
          lineStyle: { width: 3, color: "#0d6efd" }, symbol: ["none", "arrow"], symbolSize: 12
        });
      }
      segment.members.forEach(function (member, row) {
        var id = segment.key + "-" + row;
        nodes.push({
          id: id, name: member.name, value: member.role, x: x, y: (row + 1) * rowHeight + 20,
          symbol: "rect", symbolSize: [260, 26],
          itemStyle: { color: member.own ? "#ffc107" : "#e9f2ff", borderColor: "#9ec5fe" },
          label: { show: true, color: "#212529", overflow: "truncate", width: 250 }
        });
        links.push({ source: "segment-" + segment.key, target: id, lineStyle: { opacity: 0 } });
      });
      tallest = Math.max(tallest, segment.members.length);
    });
    el.style.height = Math.max(220, (tallest + 2) * rowHeight + 40) + "px";
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { formatter: tooltip },
      series: [{
        type: "graph", layout: "none", roam: false, data: nodes, links: links,
        label: { position: "inside" }, edgeSymbol: ["none", "none"]
      }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
