/* graphkit viewer: search, filters, DOM tooltips, side panel, route highlight. No network. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var kinds = data.kinds, evidenceStyles = data.evidence, route = data.route;
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function kindName(kind) { return kind; }
  function nodeTooltip(n) {
    var tip = el("div", { "class": "tip" }, [el("h4", { text: n.en || n.label })]);
    if (n.fr && n.fr !== n.en) { tip.appendChild(el("p", { "class": "fr", text: n.fr })); }
    tip.appendChild(el("p", { "class": "meta", text: kindName(n.kind) + " · " + n.curie + (n.deprecated ? " · deprecated" : "") }));
    if (n.defEn) { tip.appendChild(el("p", { text: n.defEn })); }
    if (n.defFr) { tip.appendChild(el("p", { "class": "fr", text: n.defFr })); }
    if (n.sources.length) {
      tip.appendChild(el("p", { "class": "meta", text: "sources: " + n.sources.map(function (s) { return s[1]; }).join(", ") }));
    }
    if (n.matches.length) {
      var p = el("p", { "class": "meta" }, ["aligned with: "]);
      n.matches.forEach(function (m, i) {
        if (i) { p.appendChild(document.createTextNode(", ")); }
        p.appendChild(el("a", { href: m, target: "_blank", rel: "noopener noreferrer", text: m }));
      });
      tip.appendChild(p);
    }
    return tip;
  }
  function edgeText(e) {
    var parts = [e.rel, e.evidence];
    if (e.importance) { parts.push(e.importance); }
    if (e.tkind) { parts.push(e.tkind); }
    if (e.years !== "") { parts.push(e.years + " years"); }
    if (e.similarity !== "") { parts.push("similarity " + e.similarity); }
    parts.push("weight " + e.weight);
    return parts.join(" · ");
  }
  function edgeTooltip(e) {
    var a = byId[e.from], b = byId[e.to];
    return el("div", { "class": "tip" }, [
      el("h4", { text: (a ? a.label : e.from) + " → " + (b ? b.label : e.to) }),
      el("p", { "class": "meta", text: edgeText(e) })
    ]);
  }

  var routeNodes = {}, routeEdges = {};
  if (route) {
    route.roles.forEach(function (r) { routeNodes[r] = true; });
    data.edges.forEach(function (e) { if (e.route) { routeEdges[e.id] = true; } });
  }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var out = Object.assign({}, n, { title: nodeTooltip(n) });
    if (route) {
      if (routeNodes[n.id]) {
        out.borderWidth = 5;
        out.color = { background: n.color, border: "#111111" };
        out.font = { size: 20, bold: { color: "#111111" } };
      } else {
        out.opacity = 0.25;
        out.font = { color: "rgba(31, 45, 58, 0.35)" };
      }
    }
    return out;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var out = Object.assign({}, e, { title: edgeTooltip(e) });
    if (route) {
      if (routeEdges[e.id]) {
        out.width = 6; out.color = { color: "#111111", inherit: false }; out.dashes = e.evidence === "inferred";
      } else {
        out.color = { color: e.color, opacity: 0.15, inherit: false };
      }
    }
    return out;
  }));

  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var viewer = window.graphkitViewer = {
    network: network, nodes: nodes, edges: edges, ready: false,
    route: route ? { nodes: Object.keys(routeNodes), edges: Object.keys(routeEdges) } : null
  };
  function markReady() {
    if (viewer.ready) { return; }
    viewer.ready = true;
    viewer.readyAt = performance.now();
    if (route) { network.fit({ nodes: route.roles, animation: false }); }
    document.body.setAttribute("data-ready", "true");
  }
  if (data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      markReady();
    });
  }
  network.once("afterDrawing", function () {
    if (!data.options.physics.enabled) { markReady(); }
  });

  // --- filters -----------------------------------------------------------------------------
  function checked(attr) {
    var on = {};
    document.querySelectorAll("input[" + attr + "]").forEach(function (box) {
      on[box.getAttribute(attr)] = box.checked;
    });
    return on;
  }
  function applyFilters() {
    var kindOn = checked("data-kind"), evidenceOn = checked("data-evidence");
    var hidden = {};
    nodes.update(data.nodes.map(function (n) {
      hidden[n.id] = kindOn[n.kind] === false;
      return { id: n.id, hidden: hidden[n.id] };
    }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, hidden: hidden[e.from] || hidden[e.to] || evidenceOn[e.evidence] === false };
    }));
  }
  document.querySelectorAll("input[data-kind], input[data-evidence]").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });

  // --- side panel --------------------------------------------------------------------------
  var panel = document.getElementById("panel"), body = document.getElementById("panel-body");
  function nodeLink(id) {
    var n = byId[id];
    var a = el("a", { "class": "node-link", "data-id": id, text: n ? n.label : id });
    a.addEventListener("click", function () { focusNode(id); });
    return a;
  }
  function showPanel(id) {
    var n = byId[id];
    if (!n) { return; }
    body.textContent = "";
    body.appendChild(nodeTooltip(n));
    var groups = {};
    data.edges.forEach(function (e) {
      if (e.from !== id && e.to !== id) { return; }
      var out = e.from === id;
      var key = (out ? "" : "← ") + e.rel + (e.evidence === "inferred" ? " (inferred)" : "");
      (groups[key] = groups[key] || []).push({ other: out ? e.to : e.from, edge: e });
    });
    Object.keys(groups).sort().forEach(function (key) {
      body.appendChild(el("h2", { text: key + " (" + groups[key].length + ")" }));
      var list = el("ul");
      groups[key].sort(function (x, y) { return y.edge.weight - x.edge.weight; }).forEach(function (g) {
        list.appendChild(el("li", {}, [nodeLink(g.other), el("span", { "class": "meta", text: " " + g.edge.evidence + " · " + g.edge.weight })]));
      });
      body.appendChild(list);
    });
    panel.hidden = false;
  }
  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showPanel(id);
  }
  viewer.focusNode = focusNode;
  network.on("click", function (params) {
    if (params.nodes.length) { showPanel(params.nodes[0]); }
  });
  document.getElementById("panel-close").addEventListener("click", function () { panel.hidden = true; });

  // --- search ------------------------------------------------------------------------------
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var index = data.nodes.map(function (n) {
    return { id: n.id, label: n.label, kind: n.kind, text: fold([n.en, n.fr, n.alt, n.curie].join(" | ")), main: fold(n.en + " | " + n.fr) };
  });
  var search = document.getElementById("search"), results = document.getElementById("search-results");
  var selected = 0;
  function render(found) {
    results.textContent = "";
    found.forEach(function (f, i) {
      var li = el("li", { role: "option", "data-id": f.id, "aria-selected": String(i === selected) },
        [f.label, el("span", { "class": "kind", text: f.kind })]);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(f.id); });
      results.appendChild(li);
    });
  }
  function matches() {
    var q = fold(search.value.trim());
    if (!q) { return []; }
    return index.filter(function (f) { return f.text.indexOf(q) >= 0; }).sort(function (a, b) {
      var sa = a.main.indexOf(q) === 0 ? 0 : 1, sb = b.main.indexOf(q) === 0 ? 0 : 1;
      return sa - sb || a.label.localeCompare(b.label);
    }).slice(0, 12);
  }
  function choose(id) { results.textContent = ""; search.blur(); focusNode(id); }
  search.addEventListener("input", function () { selected = 0; render(matches()); });
  search.addEventListener("keydown", function (ev) {
    var found = matches();
    if (ev.key === "ArrowDown") { selected = Math.min(selected + 1, found.length - 1); render(found); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { selected = Math.max(selected - 1, 0); render(found); ev.preventDefault(); }
    else if (ev.key === "Enter" && found.length) { choose(found[selected].id); }
    else if (ev.key === "Escape") { results.textContent = ""; }
  });

  // --- route -------------------------------------------------------------------------------
  if (route) {
    var steps = document.getElementById("route-steps");
    route.steps.forEach(function (s) {
      var facts = [s.kind || "inferred move", s.years != null ? s.years + " years" : null, s.evidence].filter(Boolean).join(" · ");
      var li = el("li", { "data-from": s.from, "data-to": s.to }, [
        nodeLink(s.from), " → ", nodeLink(s.to), el("br"), el("span", { "class": "meta", text: facts })
      ]);
      li.appendChild(el("div", { "class": "gain", text: "skills to gain: " + (s.to_gain.length ? s.to_gain.join(", ") : "none") }));
      if (s.tools.length) { li.appendChild(el("div", { "class": "gain", text: "tools to learn: " + s.tools.join(", ") })); }
      if (s.platforms.length) { li.appendChild(el("div", { "class": "gain", text: "platforms to learn: " + s.platforms.join(", ") })); }
      steps.appendChild(li);
    });
  }
}());
