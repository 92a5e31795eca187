// The HTML rendering of each OGC API document (conformance class "html"): plain pages with links and property tables.
const escape = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Linked {
  title?: string;
  description?: string;
  links?: { href: string; rel: string; type: string; title?: string }[];
}

const linkList = (links: Linked['links'] = []) =>
  `<ul>${links.map((l) => `<li><a href="${escape(l.href)}">${escape(l.title ?? l.rel)}</a> <small>(${escape(l.rel)}, ${escape(l.type)})</small></li>`).join('')}</ul>`;

const table = (rows: Record<string, unknown>[]) => {
  if (!rows.length) return '<p>No features.</p>';
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return `<table border="1" cellpadding="4"><thead><tr>${keys.map((k) => `<th>${escape(k)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${keys.map((k) => `<td>${escape(typeof r[k] === 'object' && r[k] !== null ? JSON.stringify(r[k]) : r[k])}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
};

/** A document as an HTML page: its title, description, links, and the rows of whatever it lists. */
export function renderHtml(title: string, doc: Linked & Record<string, unknown>): string {
  const rows: Record<string, unknown>[] = Array.isArray(doc.features)
    ? (doc.features as { id: unknown; properties: Record<string, unknown> }[]).map((f) => ({ id: f.id, ...f.properties }))
    : Array.isArray(doc.collections)
      ? (doc.collections as Record<string, unknown>[]).map((c) => ({ id: c.id, title: c.title, description: c.description }))
      : Array.isArray(doc.conformsTo)
        ? (doc.conformsTo as string[]).map((c) => ({ conformsTo: c }))
        : doc.type === 'Feature'
          ? [{ id: doc.id, ...(doc.properties as Record<string, unknown>) }]
          : [];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body>
<h1>${escape(doc.title ?? title)}</h1>${doc.description ? `<p>${escape(doc.description)}</p>` : ''}
${linkList(doc.links)}${table(rows)}</body></html>`;
}
