/* graphkit viewer: a career map of the roles. Labels drawn without overlap, English/French,
   search, toggles, side panel over the map, next moves, route totals, PNG. No network. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var route = data.route, words = data.words, relations = data.relations;
  var lang = "en", byId = {}, selected = null, lastBoxes = [];
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var links = data.edges.map(function (row) {  // [from, to, rel, …] as data.fields names them
    var e = {};
    data.fields.forEach(function (field, i) { e[field] = row[i]; });
    e.from = data.nodes[e.from].id; e.to = data.nodes[e.to].id;
    e.id = e.from + "|" + e.rel + "|" + e.to;
    return e;
  });

  function w(key) { return words[lang][key] || words.en[key] || key; }
  function name(n) { return (lang === "fr" ? (n.fr || n.en) : (n.en || n.fr)) || n.id; }
  function nameOf(id) {
    var n = byId[id];
    if (n) { return name(n); }
    var m = route && route.names[id];
    return m ? (lang === "fr" ? m.fr || m.en : m.en || m.fr) : id.split("/").pop();
  }
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
  function nodeTooltip(n) {
    var other = lang === "fr" ? n.en : n.fr;
    var tip = el("div", { "class": "tip" }, [el("h4", { text: name(n) })]);
    if (other && other !== name(n)) { tip.appendChild(el("p", { "class": "fr", text: other })); }
    tip.appendChild(el("p", { "class": "meta", text: w(n.kind) + " · " + n.curie + (n.deprecated ? " · " + w("deprecated") : "") }));
    var def = lang === "fr" ? (n.defFr || n.defEn) : (n.defEn || n.defFr);
    if (def) { tip.appendChild(el("p", { text: def })); }
    if (n.sources.length) {
      tip.appendChild(el("p", { "class": "meta", text: w("sources") + ": " + n.sources.map(function (s) { return data.sources[s]; }).join(", ") }));
    }
    if (n.matches.length) {
      var p = el("p", { "class": "meta" }, [w("aligned") + ": "]);
      n.matches.forEach(function (m, i) {
        if (i) { p.appendChild(document.createTextNode(", ")); }
        p.appendChild(el("a", { href: m, target: "_blank", rel: "noopener noreferrer", text: m }));
      });
      tip.appendChild(p);
    }
    return tip;
  }
  function relationName(rel, out) {
    var r = relations[rel];
    return r ? r[out ? "out" : "in"][lang] : rel;
  }
  function edgeTooltip(e) {
    var parts = [relationName(e.rel, true), w(e.evidence)];
    if (e.tkind) { parts.push(e.tkind); }
    if (e.years !== "") { parts.push(e.years + " " + w("years")); }
    return el("div", { "class": "tip" }, [
      el("h4", { text: nameOf(e.from) + " → " + nameOf(e.to) }),
      el("p", { "class": "meta", text: parts.join(" · ") })
    ]);
  }

  var routeNodes = {}, routeEdges = {};
  if (route) {
    var moves = {};
    route.roles.forEach(function (r, i) { routeNodes[r] = true; if (i) { moves[route.roles[i - 1] + ">" + r] = true; } });
    links.forEach(function (e) { if (e.rel === "leadsTo" && moves[e.from + ">" + e.to]) { routeEdges[e.id] = true; } });
  }
  // vis-network items are made only for what is shown: a kind that is off keeps its nodes and
  // edges out of the DataSets until it is ticked (vis-network's set-up time grows with them)
  function nodeItem(n) {
    var style = data.kinds[n.kind] || { color: "#7f8c8d", shape: "dot" };
    var out = Object.assign({}, n, { shape: style.shape, color: style.color, hidden: false, title: nodeTooltip(n) });
    if (route) {
      if (routeNodes[n.id]) {
        out.borderWidth = 5; out.color = { background: style.color, border: "#111111" };
      } else { out.opacity = 0.3; }
    }
    return out;
  }
  function edgeItem(e) {  // its tooltip is made on hover (hoverEdge)
    var color = (data.evidence[e.evidence] || data.evidence.curated).color;
    var width = e.rel === "leadsTo" ? Math.round(100 + 200 * e.weight) / 100 : 0.6;
    var out = Object.assign({}, e, { color: color, dashes: e.evidence === "inferred", width: width, hidden: false });
    if (route) {
      if (routeEdges[e.id]) {
        out.width = 6; out.color = { color: "#111111", inherit: false };
      } else { out.color = { color: color, opacity: 0.15, inherit: false }; }
    }
    return out;
  }
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var nodeHidden = {}, edgeHidden = {};  // id → hidden, for the items in the DataSets
  function sync(items, set, hiddenOf, shown, make) {
    var added = [], changed = [];
    items.forEach(function (item) {
      var hide = !shown(item), was = hiddenOf[item.id];
      if (was === undefined) {
        if (!hide) { hiddenOf[item.id] = false; added.push(make(item)); }
      } else if (was !== hide) {
        hiddenOf[item.id] = hide; changed.push({ id: item.id, hidden: hide });
      }
    });
    if (added.length) { set.add(added); }
    if (changed.length) { set.update(changed); }
  }

  // --- what is shown: kinds, evidence, around the selected concept --------------------------
  function checked(attr) {
    var on = {};
    document.querySelectorAll("input[" + attr + "]").forEach(function (box) { on[box.getAttribute(attr)] = box.checked; });
    return on;
  }
  function applyFilters() {
    var kindOn = checked("data-kind"), evidenceOn = checked("data-evidence"), around = {};
    if (selected && byId[selected].kind === "role" && document.getElementById("around").checked) {
      links.forEach(function (e) {
        if (e.from === selected) { around[e.to] = true; }
        if (e.to === selected && e.rel === "leadsTo") { around[e.from] = true; }
      });
    }
    var shown = {};
    data.nodes.forEach(function (n) { shown[n.id] = kindOn[n.kind] !== false || !!around[n.id] || n.id === selected; });
    sync(data.nodes, nodes, nodeHidden, function (n) { return shown[n.id]; }, nodeItem);
    sync(links, edges, edgeHidden, function (e) {
      var near = kindOn[byId[e.from].kind] && kindOn[byId[e.to].kind] || e.from === selected || e.to === selected;
      return shown[e.from] && shown[e.to] && near && evidenceOn[e.evidence] !== false;
    }, edgeItem);
  }
  applyFilters();

  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  network.on("hoverEdge", function (params) {
    var e = edges.get(params.edge);
    if (e && e.titleLang !== lang) { edges.update({ id: e.id, title: edgeTooltip(e), titleLang: lang }); }
  });
  var viewer = window.graphkitViewer = {
    network: network, nodes: nodes, edges: edges, ready: false,
    route: route ? { nodes: Object.keys(routeNodes), edges: Object.keys(routeEdges) } : null
  };

  // --- labels: drawn here, higher-ranked first, never over one already drawn ---------------
  function labelOrder(ids) {
    function score(id) {
      var n = byId[id];
      return (routeNodes[id] ? 4 : 0) + (id === selected ? 8 : 0) + (n.kind === "role" ? 2 : 0) + n.rank;
    }
    return ids.sort(function (a, b) { return score(b) - score(a) || (a < b ? -1 : 1); });
  }
  function drawLabels(ctx) {
    var ratio = network.canvas.pixelRatio || window.devicePixelRatio || 1;
    var scale = network.getScale(), width = container.clientWidth, height = container.clientHeight;
    var ids = labelOrder(nodes.getIds({ filter: function (n) { return !n.hidden; } }));
    var where = network.getPositions(ids), placed = [];
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
    ids.forEach(function (id) {
      var n = byId[id], role = n.kind === "role", size = role ? 13 : 11;
      var p = network.canvasToDOM(where[id]);
      var text = name(n);
      if (text.length > 28) { text = text.slice(0, 26) + "…"; }
      ctx.font = (role ? "600 " : "") + size + "px sans-serif";
      var half = ctx.measureText(text).width / 2, top = p.y + n.size * scale + 2;
      var box = { id: id, left: p.x - half - 2, top: top, right: p.x + half + 2, bottom: top + size + 3 };
      if (box.right < 0 || box.left > width || box.bottom < 0 || box.top > height) { return; }
      for (var i = 0; i < placed.length; i++) {
        var o = placed[i];
        if (box.left < o.right && o.left < box.right && box.top < o.bottom && o.top < box.bottom) { return; }
      }
      placed.push(box);
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.strokeText(text, p.x, top + 1);
      ctx.fillStyle = route && !routeNodes[id] ? "rgba(31,45,58,0.45)" : "#1f2d3a";
      ctx.fillText(text, p.x, top + 1);
    });
    ctx.restore();
    var rect = container.getBoundingClientRect();
    lastBoxes = placed.map(function (b) {
      return { id: b.id, left: b.left + rect.left, top: b.top + rect.top, right: b.right + rect.left, bottom: b.bottom + rect.top };
    });
  }
  viewer.labelBoxes = function () { return lastBoxes.slice(); };
  network.on("afterDrawing", drawLabels);

  var roleIds = data.nodes.filter(function (n) { return n.kind === "role"; }).map(function (n) { return n.id; });
  network.fit({ nodes: route ? route.roles : roleIds, animation: false });
  network.once("afterDrawing", function () {
    viewer.ready = true;
    viewer.readyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
  });

  viewer.applyFilters = applyFilters;
  document.querySelectorAll("input[data-kind], input[data-evidence], #around").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });

  // --- side panel (over the map: opening it never moves the graph) --------------------------
  var panel = document.getElementById("panel"), body = document.getElementById("panel-body"), shownId = null;
  function nodeLink(id) {
    var a = el("a", { "class": "node-link", "data-id": id, text: nameOf(id) });
    a.addEventListener("click", function () { focusNode(id); });
    return a;
  }
  function yearsText(years, assumed) {
    if (years != null && years !== "") { return years + " " + w("years"); }
    return assumed != null ? assumed + " " + w("years") + " (" + w("assumed") + ")" : "";
  }
  function showPanel(id) {
    var n = byId[id];
    if (!n) { return; }
    shownId = id;
    body.textContent = "";
    body.appendChild(nodeTooltip(n));
    var moves = data.next[id];
    if (moves && moves.length) {
      body.appendChild(el("h2", { text: w("next") + " (" + moves.length + ")" }));
      var ol = el("ol", { id: "next-moves" });
      moves.forEach(function (m) {
        var facts = [w("cost") + " " + m.cost, yearsText(m.years, m.assumed), w(m.evidence)].filter(Boolean).join(" · ");
        ol.appendChild(el("li", { "data-id": m.to }, [nodeLink(m.to), el("span", { "class": "meta", text: " " + facts })]));
      });
      body.appendChild(ol);
    }
    var groups = {};
    links.forEach(function (e) {
      if (e.from !== id && e.to !== id) { return; }
      var out = e.from === id;
      var key = relationName(e.rel, out) + (e.evidence === "inferred" ? " (" + w("inferred") + ")" : "");
      (groups[key] = groups[key] || []).push({ other: out ? e.to : e.from, edge: e });
    });
    Object.keys(groups).sort().forEach(function (key) {
      body.appendChild(el("h2", { text: key + " (" + groups[key].length + ")" }));
      var list = el("ul");
      groups[key].sort(function (x, y) { return y.edge.weight - x.edge.weight; }).forEach(function (g) {
        list.appendChild(el("li", {}, [nodeLink(g.other), el("span", { "class": "meta", text: " " + w(g.edge.evidence) })]));
      });
      body.appendChild(list);
    });
    panel.hidden = false;
  }
  function select(id) {
    selected = byId[id] ? id : null;
    applyFilters();
    showPanel(id);
  }
  function focusNode(id) {
    select(id);  // a concept of a kind that is off is shown while it is selected
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
  }
  viewer.focusNode = focusNode;
  viewer.select = select;
  network.on("click", function (params) { if (params.nodes.length) { select(params.nodes[0]); } });
  document.getElementById("panel-close").addEventListener("click", function () {
    panel.hidden = true; shownId = null; selected = null; applyFilters();
  });

  // --- search over French and English labels and altLabels -----------------------------------
  function fold(text) { return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var index = data.nodes.map(function (n) {
    return { id: n.id, text: fold([n.en, n.fr, n.alt, n.curie].join(" | ")), main: fold(n.en + " | " + n.fr) };
  });
  var search = document.getElementById("search"), results = document.getElementById("search-results");
  var selected = 0;
  function render(found) {
    results.textContent = "";
    found.forEach(function (f, i) {
      var li = el("li", { role: "option", "data-id": f.id, "aria-selected": String(i === selected) },
        [nameOf(f.id), el("span", { "class": "kind", text: w(byId[f.id].kind) })]);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(f.id); });
      results.appendChild(li);
    });
  }
  function matches() {
    var q = fold(search.value.trim());
    if (!q) { return []; }
    return index.filter(function (f) { return f.text.indexOf(q) >= 0; }).sort(function (a, b) {
      var sa = a.main.indexOf(q) === 0 ? 0 : 1, sb = b.main.indexOf(q) === 0 ? 0 : 1;
      return sa - sb || nameOf(a.id).localeCompare(nameOf(b.id));
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

  // --- route: totals, each step's gap and the gap so far ------------------------------------
  function renderRoute() {
    if (!route) { return; }
    var t = route.totals, parts = [w("cost") + " " + (+t.cost).toFixed(2)];
    if (t.known_years != null) {
      parts.push(t.known_years + " " + w("years") + " " + w("known"));
      parts.push((t.assumed_years || 0) + " " + w("years") + " " + w("assumed"));
    } else if (t.years != null) {
      var assumed = route.steps.filter(function (s) { return s.years == null; }).length;
      parts.push(t.years + " " + w("years") + (assumed ? " (" + assumed + " × " + w("assumed") + ")" : ""));
    }
    document.getElementById("route-totals").textContent = w("totals") + ": " + parts.join(" · ");
    var steps = document.getElementById("route-steps");
    steps.textContent = "";
    route.steps.forEach(function (s) {
      var years = yearsText(s.years, s.assumed_years);
      var facts = [s.kind || w("inferred_move"), years, s.cost != null ? w("cost") + " " + s.cost : null, w(s.evidence)].filter(Boolean).join(" · ");
      var li = el("li", { "data-from": s.from, "data-to": s.to }, [
        nodeLink(s.from), " → ", nodeLink(s.to), el("br"), el("span", { "class": "meta" + (s.years == null ? " assumed" : ""), text: facts })
      ]);
      var gain = s.gain_ids.map(nameOf);
      li.appendChild(el("div", { "class": "gain", text: w("gain") + ": " + (gain.length ? gain.join(", ") : w("none")) }));
      li.appendChild(el("div", { "class": "cumulative", text: w("cumulative") + ": " + s.cumulative.length + (s.cumulative.length ? " (" + s.cumulative.map(nameOf).join(", ") + ")" : "") }));
      if (s.tools.length) { li.appendChild(el("div", { "class": "gain", text: w("tools") + ": " + s.tools.join(", ") })); }
      if (s.platforms.length) { li.appendChild(el("div", { "class": "gain", text: w("platforms") + ": " + s.platforms.join(", ") })); }
      steps.appendChild(li);
    });
  }
  renderRoute();

  // --- language, PNG ----------------------------------------------------------------------
  function setLanguage(next) {
    lang = next;
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (e) { e.textContent = w(e.getAttribute("data-i18n")); });
    search.placeholder = w("search");
    document.title = w("title");
    document.getElementById("lang").textContent = lang === "fr" ? "EN" : "FR";
    document.getElementById("panel-close").setAttribute("aria-label", w("close"));
    nodes.update(nodes.getIds().map(function (id) { return { id: id, title: nodeTooltip(byId[id]) }; }));
    renderRoute();
    if (shownId && !panel.hidden) { showPanel(shownId); }
    network.redraw();
  }
  viewer.setLanguage = setLanguage;
  viewer.language = function () { return lang; };
  document.getElementById("lang").addEventListener("click", function () { setLanguage(lang === "fr" ? "en" : "fr"); });
  document.getElementById("png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas"), copy = document.createElement("canvas");
    copy.width = canvas.width; copy.height = canvas.height;
    var ctx = copy.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, copy.width, copy.height); ctx.drawImage(canvas, 0, 0);
    var a = el("a", { href: copy.toDataURL("image/png"), download: route ? "graphkit-route.png" : "graphkit-map.png" });
    document.body.appendChild(a); a.click(); a.remove();
  });
}());
