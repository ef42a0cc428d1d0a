// The network page's graph: Cytoscape.js over the elements the server prepared (colours,
// labels, sizes and links come with the data; this script only lays out and handles clicks).
"use strict";

(function () {
  const container = document.getElementById("graph");
  const source = document.getElementById("network-data");
  if (!container || !source || typeof cytoscape !== "function") {
    return;
  }
  const elements = JSON.parse(source.textContent);
  const largest = Math.max(1, ...elements.edges.map((e) => e.data.total || 0));
  const cy = cytoscape({
    container: container,
    elements: elements,
    minZoom: 0.2,
    maxZoom: 4,
    layout: {
      name: "cose",
      animate: false,
      randomize: true,
      padding: 30,
      nodeRepulsion: () => 60000,
      idealEdgeLength: () => 80,
      nodeOverlap: 40,
    },
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(colour)",
          width: "data(size)",
          height: "data(size)",
          label: "data(label)",
          "font-size": 9,
          color: "#1c2833",
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.75,
        },
      },
      { selector: "node[kind = 'outside']", style: { shape: "round-rectangle" } },
      { selector: "node[?flagged]", style: { "border-width": 3, "border-color": "#000000" } },
      {
        selector: "edge",
        style: {
          width: 1.5,
          "line-color": "data(colour)",
          "curve-style": "bezier",
          "font-size": 7,
          color: "#34495e",
          "text-rotation": "autorotate",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.8,
          // Amounts show once zoomed in (or on a hovered edge): a busy network stays readable.
          "min-zoomed-font-size": 10,
        },
      },
      {
        selector: "edge[kind = 'money']",
        style: {
          label: "data(label)",
          width: (edge) => 1 + (5 * Math.log1p(edge.data("total") || 0)) / Math.log1p(largest),
          "target-arrow-shape": "triangle",
          "target-arrow-color": "data(colour)",
        },
      },
      { selector: "edge[kind != 'money']", style: { "line-style": "dashed", width: 2 } },
      { selector: "edge.hovered", style: { "min-zoomed-font-size": 0, "z-index": 10 } },
      { selector: ":selected", style: { "overlay-opacity": 0.15 } },
    ],
  });
  // An account opens its page; an outside party has none.
  cy.on("tap", "node[kind = 'account']", (event) => {
    window.location.assign(event.target.data("href"));
  });
  cy.on("mouseover", "node[kind = 'account']", () => {
    container.style.cursor = "pointer";
  });
  cy.on("mouseout", "node", () => {
    container.style.cursor = "";
  });
  cy.on("mouseover", "edge", (event) => event.target.addClass("hovered"));
  cy.on("mouseout", "edge", (event) => event.target.removeClass("hovered"));
  window.tipflowNetwork = cy; // for the browser tests and the curious analyst's console
  container.dataset.rendered = "true";
})();
