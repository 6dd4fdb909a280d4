"""The endpoint's query page: a query box, a run button, the gallery; no outside resource."""

import base64
import hashlib
import html
import urllib.parse
from collections.abc import Sequence

__all__ = ["page", "page_headers"]

_SCRIPT = """
const box = document.getElementById("query"), out = document.getElementById("out");
const status = document.getElementById("status");
function cell(term) {
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return term.value + " @" + term["xml:lang"];
  return term.value;
}
function show(data) {
  out.replaceChildren();
  if ("boolean" in data) {
    out.textContent = String(data.boolean);
    status.textContent = "ASK: " + (data.boolean ? "yes" : "no");
    return;
  }
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of data.head.vars) head.appendChild(document.createElement("th")).textContent = v;
  for (const row of data.results.bindings) {
    const tr = table.insertRow();
    for (const v of data.head.vars) tr.insertCell().textContent = cell(row[v]);
  }
  out.appendChild(table);
  status.textContent = data.results.bindings.length + " rows";
}
async function run() {
  status.textContent = "running…";
  let response;
  try {
    response = await fetch("sparql", {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
      body: new URLSearchParams({query: box.value}),
    });
  } catch (error) {
    out.replaceChildren();
    status.textContent = "the endpoint did not answer: " + error.message;
    return;
  }
  const type = response.headers.get("Content-Type") || "";
  if (response.ok && type.startsWith("application/sparql-results+json")) {
    show(await response.json());
  } else {
    const pre = document.createElement("pre");
    pre.textContent = await response.text();
    out.replaceChildren(pre);
    status.textContent = response.ok ? "graph" : response.status + " " + response.statusText;
  }
}
document.getElementById("run").addEventListener("click", run);
for (const link of document.querySelectorAll("a[data-query]")) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    box.value = link.dataset.query;
    run();
  });
}
"""
_STYLE = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; }
textarea { width: 100%; height: 14em; font: 13px monospace; }
table { border-collapse: collapse; margin-top: 1em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
pre { background: #f6f6f6; padding: 1em; overflow: auto; }
li { margin-bottom: 0.3em; }
"""


def page(gallery: Sequence) -> bytes:
    """Write the query page: a query box, a run button, the gallery; no external resource."""
    items = []
    for query in gallery:
        href = "sparql?" + urllib.parse.urlencode({"query": query.text})
        question = query.question.get("en", query.name)
        french = query.question.get("fr", "")
        items.append(
            f'<li><a href="{html.escape(href)}" data-query="{html.escape(query.text)}">'
            f"{html.escape(query.name)}</a>: {html.escape(question)}"
            f'<br><i lang="fr">{html.escape(french)}</i></li>'
        )
    first = gallery[0].text if gallery else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>graphkit SPARQL endpoint</title>
<style>{_STYLE}</style></head>
<body>
<h1>graphkit SPARQL endpoint</h1>
<p>The open knowledge graph of social-media professions, read-only. Send queries to
<code>sparql</code> (SPARQL 1.1 Protocol); graphkit's prefixes are pre-bound.</p>
<textarea id="query" spellcheck="false">{html.escape(first)}</textarea>
<p><button id="run" type="button">Run</button> <span id="status"></span></p>
<div id="out"></div>
<h2>Competency questions</h2>
<ol>
{chr(10).join(items)}
</ol>
<script>{_SCRIPT}</script>
</body></html>
"""
    return page.encode("utf-8")


def page_headers() -> list[tuple[str, str]]:
    """Return the page's headers: HTML, and a content policy allowing only its own script."""
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode()
    policy = (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'"
    )
    return [("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", policy)]
