/* argmap web page: talks only to the JSON API of the server that serves it.
 *
 * Security rule for this file: user text is only ever set with textContent, an
 * attribute, or a Cytoscape label (drawn on a canvas). Never innerHTML.
 */
(function () {
  "use strict";

  if (window.cytoscape && window.cytoscapeDagre) {
    window.cytoscape.use(window.cytoscapeDagre);
  }

  const $ = (id) => document.getElementById(id);

  /** An element with attributes and children; strings become text nodes. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith("on") && typeof value === "function") {
        el.addEventListener(name.slice(2), value);
      } else {
        el.setAttribute(name, value === true ? "" : String(value));
      }
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      el.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
    return el;
  }

  // ---- state ------------------------------------------------------------------

  const state = {
    user: null,       // the logged-in user's name, or null
    key: null,        // the debate shown
    summary: null,    // GET /debates/{key}/summary
    debate: null,     // GET /debates/{key} (native JSON)
    evaluation: null, // GET /debates/{key}/evaluation
    votes: {},        // my votes: statement id -> weight
    selected: null,   // the selected statement id
    side: {},         // statement id -> "pro" | "con" | "motion" | "neutral"
    formats: [],
    cy: null,
  };

  // ---- the API ---------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  /** A call to the API; the CSRF header goes on every request (harmless on safe ones). */
  async function api(method, path, body, isForm) {
    const headers = { "X-Requested-With": "argmap", Accept: "application/json" };
    const init = { method, headers, credentials: "same-origin" };
    if (body !== undefined) {
      if (isForm) {
        init.body = body;
      } else {
        headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
      }
    }
    const response = await fetch(path, init);
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const problem = await response.json();
        detail = problem.detail || problem.title || detail;
        if (Array.isArray(detail)) detail = detail.map((d) => d.msg || String(d)).join("; ");
      } catch (_) { /* not JSON */ }
      throw new ApiError(response.status, String(detail));
    }
    if (response.status === 204) return null;
    return response.json();
  }

  const enc = encodeURIComponent;

  let statusTimer = null;
  function say(message, isError) {
    const el = $("status");
    el.textContent = message;
    el.className = "status show" + (isError ? " error" : "");
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => { el.className = "status"; }, isError ? 7000 : 3000);
  }

  function failed(error) {
    console.error(error);
    say(error instanceof ApiError ? error.message : "Something went wrong: " + error, true);
  }

  // ---- accounts ----------------------------------------------------------------

  async function loadSession() {
    try {
      const s = await api("GET", "/session");
      state.user = s.user ? s.user.name : null;
    } catch (_) {
      state.user = null;
    }
    renderAccount();
  }

  function renderAccount() {
    const logged = Boolean(state.user);
    $("whoami").textContent = logged ? "Signed in as " + state.user : "";
    $("login-button").hidden = logged;
    $("register-button").hidden = logged;
    $("logout-button").hidden = !logged;
    $("dropzone").hidden = !logged;
    $("home-login-hint").hidden = logged;
  }

  let authMode = "login";
  function openAuth(mode) {
    authMode = mode;
    const register = mode === "register";
    $("auth-title").textContent = register ? "Create an account" : "Log in";
    $("auth-submit").textContent = register ? "Register" : "Log in";
    $("auth-form").elements.password.autocomplete = register ? "new-password" : "current-password";
    $("auth-form").elements.password.minLength = register ? 8 : 0;
    $("auth-error").textContent = "";
    $("auth-dialog").showModal();
    $("auth-form").elements.name.focus();
  }

  async function submitAuth(event) {
    event.preventDefault();
    const form = $("auth-form");
    const name = form.elements.name.value.trim();
    const password = form.elements.password.value;
    try {
      if (authMode === "register") {
        await api("POST", "/users", { name, password });
      }
      await api("POST", "/session", { name, password });
      form.reset();
      $("auth-dialog").close();
      await loadSession();
      $("perspective").value = "me";
      say("Signed in as " + state.user);
      await route();
    } catch (error) {
      $("auth-error").textContent = error instanceof ApiError ? error.message : String(error);
    }
  }

  async function logout() {
    try {
      await api("DELETE", "/session");
    } catch (error) { failed(error); }
    state.user = null;
    renderAccount();
    await route();
  }

  // ---- routing -----------------------------------------------------------------

  function currentKey() {
    const hash = /^#\/debates\/([^/]+)/.exec(location.hash);
    if (hash) return decodeURIComponent(hash[1]);
    const path = /^\/d\/([^/]+)/.exec(location.pathname);
    if (path) return decodeURIComponent(path[1]);
    return null;
  }

  function show(view) {
    for (const id of ["home-view", "debate-view", "missing-view"]) $(id).hidden = id !== view;
  }

  async function route() {
    const key = currentKey();
    if (key) {
      await openDebate(key);
    } else {
      state.key = null;
      document.title = "argmap";
      show("home-view");
      await loadHome();
    }
  }

  // ---- the list of debates -----------------------------------------------------

  async function loadHome() {
    const list = $("debate-list");
    try {
      const page = await api("GET", "/debates?limit=200");
      list.replaceChildren();
      if (!page.items.length) {
        list.append(h("li", { class: "empty" }, "No debates yet."));
      }
      for (const d of page.items) {
        const when = d.updated ? new Date(d.updated).toLocaleDateString() : "";
        list.append(
          h("li", { class: "debate-card" },
            h("a", { href: "/d/" + enc(d.key) }, d.title || d.key),
            h("p", { class: "meta" },
              d.statements + " statements",
              d.owner ? " · by " + d.owner : "",
              when ? " · updated " + when : "",
              d.public ? "" : " · private"))
        );
      }
    } catch (error) { failed(error); }
  }

  async function importFile(file) {
    if (!file) return;
    const data = new FormData();
    data.append("file", file, file.name);
    try {
      say("Importing " + file.name + "…");
      const made = await api("POST", "/debates/import", data, true);
      location.assign("/d/" + enc(made.key));
    } catch (error) { failed(error); }
  }

  function setupDropzone() {
    const zone = $("dropzone");
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) importFile(e.dataTransfer.files[0]);
    });
    $("import-file").addEventListener("change", (e) => importFile(e.target.files[0]));
  }

  // ---- one debate: loading -----------------------------------------------------

  function perspective() {
    const p = $("perspective").value;
    return p === "me" && !state.user ? "debate" : p;
  }

  async function openDebate(key) {
    const fresh = state.key !== key;
    state.key = key;
    if (fresh) state.selected = null;
    show("debate-view");
    $("perspective").querySelector('option[value="me"]').disabled = !state.user;
    $("perspective").querySelector('option[value="me"]').hidden = !state.user;
    if (!state.user && $("perspective").value === "me") $("perspective").value = "all";
    if (state.user && fresh) $("perspective").value = "me";
    try {
      await refresh(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        show("missing-view");
        $("missing-text").textContent = "There is no debate " + key + ", or it is private.";
      } else {
        failed(error);
      }
    }
  }

  /** Re-fetch the debate (if asked) and its evaluation, then redraw everything. */
  async function refresh(withDebate) {
    const key = state.key;
    const calls = [api("GET", "/debates/" + enc(key) + "/evaluation?perspective=" + enc(perspective()))];
    if (withDebate) {
      calls.push(api("GET", "/debates/" + enc(key)), api("GET", "/debates/" + enc(key) + "/summary"));
      calls.push(state.user ? api("GET", "/debates/" + enc(key) + "/votes") : Promise.resolve([]));
    }
    const [evaluation, debate, summary, votes] = await Promise.all(calls);
    if (key !== state.key) return;
    state.evaluation = evaluation;
    if (withDebate) {
      state.debate = debate;
      state.summary = summary;
      state.votes = {};
      for (const v of votes) if (v.voter === state.user) state.votes[v.statement] = v.weight;
      computeSides();
      renderMap();
      renderExports();
    } else {
      updateMapData();
    }
    renderHead();
    renderTree();
    renderPanel();
  }

  function canEdit() { return ["owner", "editor"].includes(state.summary && state.summary.role); }
  function canVote() { return ["owner", "editor", "voter"].includes(state.summary && state.summary.role); }

  function statement(id) { return state.debate.statements.find((s) => s.id === id); }
  function evalOf(id) { return state.evaluation.statements.find((s) => s.id === id); }
  function strengthOf(id) {
    const e = evalOf(id);
    return e ? e.strengths[state.evaluation.semantics] : null;
  }
  function cruxOf(id) { return state.evaluation.crux.find((c) => c.statement === id); }
  const pct = (x) => (x === null || x === undefined ? "–" : Math.round(x * 100) + "%");

  /** The relation an undercut names, by id. */
  function relationById(id) { return state.debate.relations.find((r) => r.id && r.id === id); }

  /** Pro or con: the sign of the path to the motion (support +, attack and undercut −). */
  function computeSides() {
    const d = state.debate;
    const side = { [d.motion]: "motion" };
    const sign = { [d.motion]: 1 };
    const queue = [d.motion];
    while (queue.length) {
      const target = queue.shift();
      for (const r of d.relations) {
        let to = r.target;
        if (r.kind === "undercut") {
          const under = relationById(r.target);
          to = under ? under.target : r.target;
        }
        if (to !== target || r.source in sign) continue;
        if (!["support", "attack", "undercut"].includes(r.kind)) continue;
        sign[r.source] = sign[target] * (r.kind === "support" ? 1 : -1);
        side[r.source] = sign[r.source] > 0 ? "pro" : "con";
        queue.push(r.source);
      }
    }
    for (const s of d.statements) if (!(s.id in side)) side[s.id] = "neutral";
    state.side = side;
  }

  /** The main relations out of ``id``: what it supports or attacks. */
  function outgoing(id) {
    return state.debate.relations.filter((r) => r.source === id);
  }

  const VERBS = {
    support: "supports", attack: "attacks", undercut: "undercuts",
    rephrase: "rephrases", preference: "is preferred to",
  };
  const SEMANTICS = {
    dfquad: "DF-QuAD", quad: "QuAD", euler: "Euler-based", "quadratic-energy": "quadratic energy",
    "h-categorizer": "h-categorizer",
  };

  // ---- rendering: head, exports ------------------------------------------------

  function renderHead() {
    const d = state.debate;
    const motion = statement(d.motion);
    $("motion-title").textContent = motion ? motion.title : d.id;
    document.title = (motion ? motion.title : d.id) + " · argmap";
    const m = state.evaluation.motion;
    const verdict = $("verdict");
    verdict.replaceChildren(
      h("span", { class: "verdict-badge " + m.verdict }, m.verdict === "for" ? "For" : m.verdict === "against" ? "Against" : "Undecided"),
      h("span", { class: "verdict-text" },
        "Verdict: " + m.verdict + " · strength " + m.strength.toFixed(2) +
        " (" + (SEMANTICS[state.evaluation.semantics] || state.evaluation.semantics) +
        ", weights: " + describePerspective(state.evaluation.perspective) + ")"));
    verdict.dataset.verdict = m.verdict;
    $("add-button").hidden = !canEdit();
  }

  function describePerspective(p) {
    if (p === "debate") return "the debate's own";
    if (p === "all") return "everyone's votes";
    return p === state.user ? "your votes" : p + "'s votes";
  }

  async function renderExports() {
    if (!state.formats.length) {
      try { state.formats = await api("GET", "/formats"); } catch (_) { return; }
    }
    const list = $("export-list");
    list.replaceChildren();
    for (const f of state.formats.filter((f) => f.write)) {
      list.append(h("li", {},
        h("a", { href: "/debates/" + enc(state.key) + "/export?format=" + enc(f.name), download: "" },
          h("span", { class: "fmt" }, f.name), h("span", { class: "fmt-desc" }, f.description))));
    }
  }

  // ---- rendering: the map ------------------------------------------------------

  function shortTitle(title) {
    return title.length > 90 ? title.slice(0, 87) + "…" : title;
  }

  function nodeData(s) {
    const strength = strengthOf(s.id);
    const title = shortTitle(s.title);
    const lines = Math.max(1, Math.ceil(title.length / 26)) + 1;
    return {
      id: "s:" + s.id,
      sid: s.id,
      idx: state.debate.statements.indexOf(s),
      label: title + "\n" + pct(strength),
      side: state.side[s.id],
      crux: cruxOf(s.id) ? 1 : 0,
      strength: strength === null ? 0.5 : strength,
      h: lines * 15 + 18,
    };
  }

  function elements() {
    const d = state.debate;
    const ids = new Set(d.statements.map((s) => s.id));
    const nodes = d.statements.map((s) => ({ group: "nodes", data: nodeData(s) }));
    const edges = [];
    d.relations.forEach((r, i) => {
      let target = r.target;
      if (r.kind === "undercut" && !ids.has(target)) {
        const under = relationById(target);
        if (!under) return;
        target = under.target;
      }
      if (!ids.has(r.source) || !ids.has(target)) return;
      edges.push({ group: "edges", data: { id: "r:" + i, source: "s:" + r.source, target: "s:" + target, kind: r.kind } });
    });
    return nodes.concat(edges);
  }

  const MAP_STYLE = [
    { selector: "node", style: {
      shape: "round-rectangle", width: 190, height: "data(h)",
      "background-color": "#f4f5f7", "border-width": 1.5, "border-color": "#9aa3ae",
      label: "data(label)", "text-wrap": "wrap", "text-max-width": 170,
      "text-valign": "center", "text-halign": "center", "font-size": 12,
      "font-family": "Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
      color: "#1f2933", "line-height": 1.25,
    } },
    { selector: 'node[side = "pro"]', style: { "background-color": "#e7f6ec", "border-color": "#2f8f4e" } },
    { selector: 'node[side = "con"]', style: { "background-color": "#fdecec", "border-color": "#c93b3b" } },
    { selector: 'node[side = "motion"]', style: {
      "background-color": "#1f3a5f", "border-color": "#1f3a5f", color: "#ffffff",
      width: 280, "text-max-width": 255, "font-size": 13, "font-weight": "bold",
    } },
    { selector: "node[crux = 1]", style: {
      "border-width": 4, "border-color": "#e0a100", "border-style": "double",
    } },
    { selector: "node:selected", style: {
      "overlay-color": "#2563eb", "overlay-opacity": 0.12, "overlay-padding": 6,
      "border-color": "#2563eb", "border-width": 3,
    } },
    { selector: "edge", style: {
      width: 2, "curve-style": "bezier", "target-arrow-shape": "triangle",
      "arrow-scale": 1.1, "line-color": "#2f8f4e", "target-arrow-color": "#2f8f4e",
    } },
    { selector: 'edge[kind = "attack"]', style: { "line-color": "#c93b3b", "target-arrow-color": "#c93b3b", "target-arrow-shape": "tee" } },
    { selector: 'edge[kind = "undercut"]', style: {
      "line-color": "#c93b3b", "target-arrow-color": "#c93b3b", "line-style": "dashed", "target-arrow-shape": "tee",
    } },
    { selector: 'edge[kind = "rephrase"]', style: {
      "line-color": "#7b8794", "target-arrow-color": "#7b8794", "line-style": "dotted", "target-arrow-shape": "none",
    } },
    { selector: 'edge[kind = "preference"]', style: {
      "line-color": "#7c5cbf", "target-arrow-color": "#7c5cbf", "line-style": "dotted", "target-arrow-shape": "vee",
    } },
  ];

  function renderMap() {
    const container = $("map");
    if (!window.cytoscape) {
      container.textContent = "The map needs Cytoscape.js, which did not load; the list below has everything.";
      return;
    }
    if (state.cy) state.cy.destroy();
    const cy = window.cytoscape({
      container,
      elements: elements(),
      style: MAP_STYLE,
      minZoom: 0.15,
      maxZoom: 2.5,
      boxSelectionEnabled: false,
      autoungrabify: false,
    });
    cy.on("tap", "node", (e) => select(e.target.data("sid"), false));
    cy.on("tap", (e) => { if (e.target === cy) select(null, false); });
    state.cy = cy;
    runLayout();
    if (state.selected) cy.$id("s:" + state.selected).select();
  }

  function runLayout() {
    const cy = state.cy;
    const layout = window.cytoscapeDagre
      ? { name: "dagre", rankDir: "BT", nodeSep: 24, rankSep: 70, edgeSep: 10, animate: false }
      : { name: "breadthfirst", directed: true, roots: "#s\\:" + state.debate.motion, spacingFactor: 1.1 };
    cy.layout(layout).run();
    wrapRanks();
    cy.fit(undefined, 24);
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center();
    }
    if (cy.zoom() < 0.5) {
      cy.zoom(0.5);
      const motion = cy.$id("s:" + state.debate.motion);
      cy.pan({ x: cy.width() / 2 - motion.position("x") * 0.5, y: 40 - (motion.position("y") - motion.height() / 2) * 0.5 });
    }
  }

  /** Break ranks wider than the map into rows (pros left, cons right), pushing later ranks down. */
  function wrapRanks() {
    const cy = state.cy;
    const gapX = 24, gapY = 26, rankGap = 70;
    const perRow = Math.max(3, Math.min(6, Math.floor((cy.width() || 900) / 215)));
    const ranks = new Map();
    cy.nodes().forEach((n) => {
      const y = Math.round(n.position("y"));
      if (!ranks.has(y)) ranks.set(y, []);
      ranks.get(y).push(n);
    });
    const order = { motion: 0, pro: 1, neutral: 2, con: 3 };
    const positions = {};
    let top = 0;
    // One block of rows, its columns ending at (align "right") or starting at ("left") x0.
    const block = (nodes, cols, x0, align, y0) => {
      let y = y0;
      for (let i = 0; i < nodes.length; i += cols) {
        const row = nodes.slice(i, i + cols);
        const height = Math.max(...row.map((n) => n.height()));
        const width = row.reduce((w, n) => w + n.width(), 0) + gapX * (row.length - 1);
        let x = align === "right" ? x0 - width : align === "left" ? x0 : x0 - width / 2;
        for (const n of row) {
          positions[n.id()] = { x: x + n.width() / 2, y: y + height / 2 };
          x += n.width() + gapX;
        }
        y += height + gapY;
      }
      return y;
    };
    for (const y of [...ranks.keys()].sort((a, b) => a - b)) {
      const nodes = ranks.get(y).sort((a, b) =>
        (order[a.data("side")] - order[b.data("side")]) || (a.data("idx") - b.data("idx")));
      const pros = nodes.filter((n) => n.data("side") !== "con");
      const cons = nodes.filter((n) => n.data("side") === "con");
      if (nodes.length > perRow && pros.length && cons.length) {
        // Pros on the left, cons on the right, each in half the columns.
        const half = Math.max(1, Math.floor(perRow / 2));
        const bottom = Math.max(block(pros, half, -gapX, "right", top), block(cons, half, gapX, "left", top));
        top = bottom;
      } else {
        top = block(nodes, perRow, 0, "center", top);
      }
      top += rankGap - gapY;
    }
    cy.nodes().positions((n) => positions[n.id()]);
  }

  /** After a new evaluation: new labels and highlights, same positions. */
  function updateMapData() {
    if (!state.cy) return;
    for (const s of state.debate.statements) {
      const node = state.cy.$id("s:" + s.id);
      if (node.nonempty()) node.data(nodeData(s));
    }
  }

  // ---- rendering: the list view ------------------------------------------------

  function renderTree() {
    const d = state.debate;
    const tree = $("tree");
    const seen = new Set();

    // A statement shows under every statement it replies to; its own replies show once.
    const item = (id, via, ancestors) => {
      const s = statement(id);
      const side = state.side[id];
      const crux = cruxOf(id);
      const expand = !seen.has(id);
      seen.add(id);
      const children = !expand ? [] : d.relations.filter((r) => {
        let to = r.target;
        if (r.kind === "undercut" && !statement(to)) {
          const under = relationById(to);
          to = under ? under.target : to;
        }
        return to === id && statement(r.source) && !ancestors.has(r.source) && r.source !== id;
      });
      const label = [
        via ? VERBS[via] + " —" : "",
        s.title,
        "strength " + pct(strengthOf(id)),
        crux ? "crux" : "",
      ].filter(Boolean).join(" ");
      const li = h("li", { class: "node " + side + (id === state.selected ? " selected" : ""), "data-id": id },
        h("div", { class: "row" },
          via ? h("span", { class: "rel " + via }, VERBS[via]) : null,
          side === "pro" || side === "con" ? h("span", { class: "side " + side }, side) : null,
          h("button", { type: "button", class: "title-button", "aria-label": label,
            "aria-pressed": id === state.selected ? "true" : "false",
            onclick: () => select(id, true) }, s.title),
          crux ? h("span", { class: "crux-badge", title: "Crux: changing its weight flips the verdict" }, "crux") : null,
          h("span", { class: "strength", "aria-hidden": "true" },
            h("span", { class: "bar" }, h("span", { class: "fill " + side, "data-w": Math.round((strengthOf(id) || 0) * 100) })),
            pct(strengthOf(id)))));
      const inner = new Set(ancestors).add(id);
      const kids = children.map((r) => item(r.source, r.kind, inner));
      if (kids.length) li.append(h("ul", { "aria-label": "Replies to " + shortTitle(s.title) }, kids));
      return li;
    };

    const root = h("ul", { class: "tree-root", "aria-label": "Arguments as a list" }, item(d.motion, null, new Set()));
    const loose = d.statements.filter((s) => !seen.has(s.id));
    const parts = [root];
    if (loose.length) {
      parts.push(h("h3", {}, "Not connected to the motion"));
      const list = h("ul", { class: "tree-root", "aria-label": "Unconnected statements" });
      for (const s of loose) if (!seen.has(s.id)) list.append(item(s.id, null, new Set()));
      parts.push(list);
    }
    tree.replaceChildren(...parts);
    // Bar widths through the CSSOM (the CSP forbids style attributes).
    for (const fill of tree.querySelectorAll(".fill")) fill.style.width = fill.dataset.w + "%";
  }

  // ---- rendering: the side panel -----------------------------------------------

  function select(id, fromList) {
    state.selected = id && statement(id) ? id : null;
    if (state.cy) {
      state.cy.$(":selected").unselect();
      if (state.selected) {
        const node = state.cy.$id("s:" + state.selected);
        node.select();
        const box = node.renderedBoundingBox();
        const outside = box.x1 < 0 || box.y1 < 0 || box.x2 > state.cy.width() || box.y2 > state.cy.height();
        if (fromList && outside) state.cy.animate({ center: { eles: node } }, { duration: 250 });
      }
    }
    for (const li of document.querySelectorAll("#tree li.node")) {
      const on = li.dataset.id === state.selected;
      li.classList.toggle("selected", on);
      const button = li.querySelector(":scope > .row > .title-button");
      if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
    }
    for (const f of ["edit-form", "link-form"]) $(f).hidden = true;
    renderPanel();
  }

  function sourceItem(src) {
    let url = null;
    try {
      const u = new URL(src);
      if (u.protocol === "http:" || u.protocol === "https:") url = u.href;
    } catch (_) { /* plain text */ }
    return h("li", {}, url ? h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, src) : src);
  }

  function renderPanel() {
    const id = state.selected;
    $("panel-empty").hidden = Boolean(id);
    $("panel-detail").hidden = !id;
    if (!id) return;
    const s = statement(id);
    const e = evalOf(id);
    const side = state.side[id];
    $("detail-kind").textContent = s.kind === "motion" ? "Motion" : (side === "neutral" ? "" : side + " · ") + s.kind;
    $("detail-title").textContent = s.title;
    const text = $("detail-text");
    text.replaceChildren(...(s.text ? s.text.split(/\n{2,}/).map((p) => h("p", {}, p)) : [h("p", { class: "muted" }, "No further text.")]));
    $("detail-sources-wrap").hidden = !s.sources.length;
    $("detail-sources").replaceChildren(...s.sources.map(sourceItem));
    $("detail-strength").textContent = pct(strengthOf(id)) + (e ? " (" + (SEMANTICS[state.evaluation.semantics] || "") + ")" : "");
    $("detail-weight").textContent = e ? pct(e.weight) : pct(s.weight);
    $("detail-status").textContent = e
      ? "grounded " + e.status.grounded + (e.status.skeptical ? ", skeptically accepted" : e.status.credulous ? ", credulously accepted" : "")
      : "–";
    const crux = cruxOf(id);
    $("detail-crux").hidden = !crux;
    if (crux) {
      $("detail-crux").textContent = "Crux: at weight " + pct(crux.after) + " instead of " + pct(crux.before) +
        ", the verdict (" + (SEMANTICS[crux.verdict] || crux.verdict) + ") becomes " + crux.becomes + ".";
    }
    const voting = Boolean(state.user) && canVote() && s.kind !== "motion";
    $("vote-box").hidden = !voting;
    if (voting) {
      const w = id in state.votes ? state.votes[id] : s.weight;
      $("vote-slider").value = String(Math.round(w * 100));
      $("vote-value").textContent = id in state.votes ? pct(w) : pct(w) + " (not voted)";
    }
    $("edit-box").hidden = !(state.user && canEdit());
    $("link-button").hidden = s.kind === "motion";
  }

  // ---- actions -----------------------------------------------------------------

  function fillTargets(select, exclude, preferred) {
    select.replaceChildren(...state.debate.statements
      .filter((s) => s.id !== exclude)
      .map((s) => h("option", { value: s.id }, (s.kind === "motion" ? "Motion: " : "") + shortTitle(s.title))));
    select.value = preferred && preferred !== exclude ? preferred : state.debate.motion;
  }

  const lines = (text) => text.split("\n").map((l) => l.trim()).filter(Boolean);

  function openAdd(target) {
    const form = $("add-form");
    form.reset();
    fillTargets(form.elements.target, null, target || state.selected || state.debate.motion);
    form.hidden = false;
    form.elements.title.focus();
  }

  async function submitAdd(event) {
    event.preventDefault();
    const form = $("add-form");
    const f = form.elements;
    try {
      const made = await api("POST", "/debates/" + enc(state.key) + "/statements", {
        title: f.title.value.trim(), text: f.text.value, sources: lines(f.sources.value),
      });
      await api("POST", "/debates/" + enc(state.key) + "/relations", {
        source: made.statement.id, target: f.target.value, kind: f.kind.value,
      });
      form.hidden = true;
      state.selected = made.statement.id;
      await refresh(true);
      say("Added “" + made.statement.title + "”");
    } catch (error) { failed(error); }
  }

  function openEdit() {
    const s = statement(state.selected);
    const f = $("edit-form").elements;
    f.title.value = s.title;
    f.text.value = s.text;
    f.sources.value = s.sources.join("\n");
    $("link-form").hidden = true;
    $("edit-form").hidden = false;
    f.title.focus();
  }

  async function submitEdit(event) {
    event.preventDefault();
    const f = $("edit-form").elements;
    try {
      await api("PATCH", "/debates/" + enc(state.key) + "/statements/" + enc(state.selected), {
        title: f.title.value.trim(), text: f.text.value, sources: lines(f.sources.value),
      });
      $("edit-form").hidden = true;
      await refresh(true);
      say("Saved");
    } catch (error) { failed(error); }
  }

  function openLink() {
    const form = $("link-form");
    fillTargets(form.elements.target, state.selected, state.debate.motion);
    $("edit-form").hidden = true;
    form.hidden = false;
    form.elements.kind.focus();
  }

  async function submitLink(event) {
    event.preventDefault();
    const f = $("link-form").elements;
    try {
      await api("POST", "/debates/" + enc(state.key) + "/relations", {
        source: state.selected, target: f.target.value, kind: f.kind.value,
      });
      $("link-form").hidden = true;
      await refresh(true);
      say("Linked");
    } catch (error) { failed(error); }
  }

  async function vote() {
    const id = state.selected;
    const weight = Number($("vote-slider").value) / 100;
    try {
      await api("PUT", "/debates/" + enc(state.key) + "/votes/" + enc(id), { weight });
      state.votes[id] = weight;
      if ($("perspective").value !== "me") $("perspective").value = "me";
      await refresh(false);
      say("Vote saved: " + pct(weight));
    } catch (error) { failed(error); }
  }

  // ---- wiring ------------------------------------------------------------------

  function wire() {
    $("login-button").addEventListener("click", () => openAuth("login"));
    $("register-button").addEventListener("click", () => openAuth("register"));
    $("logout-button").addEventListener("click", logout);
    $("auth-form").addEventListener("submit", submitAuth);
    $("auth-cancel").addEventListener("click", () => $("auth-dialog").close());
    $("add-button").addEventListener("click", () => openAdd(null));
    $("reply-button").addEventListener("click", () => openAdd(state.selected));
    $("add-form").addEventListener("submit", submitAdd);
    $("edit-button").addEventListener("click", openEdit);
    $("edit-form").addEventListener("submit", submitEdit);
    $("link-button").addEventListener("click", openLink);
    $("link-form").addEventListener("submit", submitLink);
    for (const cancel of document.querySelectorAll("[data-cancel]")) {
      cancel.addEventListener("click", () => { cancel.closest("form").hidden = true; });
    }
    $("vote-slider").addEventListener("input", () => { $("vote-value").textContent = $("vote-slider").value + "%"; });
    $("vote-slider").addEventListener("change", vote);
    $("perspective").addEventListener("change", () => refresh(false).catch(failed));
    $("fit-button").addEventListener("click", () => state.cy && state.cy.fit(undefined, 24));
    window.addEventListener("hashchange", () => route().catch(failed));
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") $("export-menu").open = false;
    });
    setupDropzone();
  }

  async function start() {
    wire();
    await loadSession();
    await route();
    document.body.dataset.ready = "1";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => start().catch(failed));
  } else {
    start().catch(failed);
  }
})();
