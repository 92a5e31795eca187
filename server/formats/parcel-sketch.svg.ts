// The 宗地图 of a packet as SVG in paper millimetres: the boundary from its plane coordinates, point numbers, 边长 on
// every side, a scale bar, the scale, a north arrow and the CRS (geometry from domain/parcel-sketch).
import { chooseScale, ringLabels, scaleBar, toPaper, type PaperLabel, type SketchPoint } from '../domain/parcel-sketch';

/** A stored 界址点 as a packet carries it: x = X (north), y = Y (east) as surveyed (text or number). */
export interface PacketPoint { part: number; ring: number; seq: number; pointNo: string; x: number | string; y: number | string }

/** The drawing frame on an A4 page (mm) and the margin inside it left for labels. */
const FRAME = { width: 170, height: 130, margin: 14 };
const esc = (v: string) => v.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The rings of the boundary, each in its 界址点 order, the first of each part its outer ring (圈号 1). */
export function ringsOf(points: PacketPoint[]): { part: number; ring: number; points: SketchPoint[] }[] {
  const rings = new Map<string, { part: number; ring: number; points: (SketchPoint & { seq: number })[] }>();
  for (const p of points) {
    const key = `${p.part}/${p.ring}`;
    if (!rings.has(key)) rings.set(key, { part: p.part, ring: p.ring, points: [] });
    rings.get(key)!.points.push({ pointNo: p.pointNo, x: Number(p.x), y: Number(p.y), seq: p.seq });
  }
  return [...rings.values()]
    .sort((a, b) => a.part - b.part || a.ring - b.ring)
    .map((r) => {
      const ordered = r.points.sort((a, b) => a.seq - b.seq);
      const last = ordered[ordered.length - 1];
      const closed = ordered.length > 1 && last.x === ordered[0].x && last.y === ordered[0].y;
      return { part: r.part, ring: r.ring, points: (closed ? ordered.slice(0, -1) : ordered).map(({ pointNo, x, y }) => ({ pointNo, x, y })) };
    });
}

const text = (l: PaperLabel, cls: string) =>
  `<text class="${cls}" x="${l.px.toFixed(2)}" y="${l.py.toFixed(2)}"${l.rotateDeg ? ` transform="rotate(${l.rotateDeg.toFixed(1)} ${l.px.toFixed(2)} ${l.py.toFixed(2)})"` : ''}>${esc(l.text)}</text>`;

/** The sketch as an SVG element sized in mm, and the scale it is drawn at (1:n); null without 界址点. */
export function parcelSketchSvg(points: PacketPoint[], crs: string): { svg: string; scale: number } | null {
  const rings = ringsOf(points).filter((r) => r.points.length >= 3 && r.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
  if (!rings.length) return null;
  const all = rings.flatMap((r) => r.points);
  const [minX, maxX, minY, maxY] = [Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x)), Math.min(...all.map((p) => p.y)), Math.max(...all.map((p) => p.y))];
  const drawable = { width: FRAME.width - 2 * FRAME.margin, height: FRAME.height - 2 * FRAME.margin };
  const scale = chooseScale(maxY - minY, maxX - minX, drawable.width, drawable.height);
  // Centred in the frame: the margin grows by half the room the parcel leaves.
  const left = FRAME.margin + (drawable.width - ((maxY - minY) * 1000) / scale) / 2;
  const top = FRAME.margin + (drawable.height - ((maxX - minX) * 1000) / scale) / 2;
  const centred = toPaper({ maxX, minY }, scale, 0);
  const paper = (p: { x: number; y: number }) => { const q = centred(p); return { px: q.px + left, py: q.py + top }; };
  const parts = new Map<number, string[]>();
  const labels: string[] = [];
  for (const r of rings) {
    const outer = r.ring === Math.min(...rings.filter((o) => o.part === r.part).map((o) => o.ring));
    const d = r.points.map((p, i) => { const q = paper(p); return `${i ? 'L' : 'M'}${q.px.toFixed(2)} ${q.py.toFixed(2)}`; }).join(' ') + ' Z';
    parts.set(r.part, [...(parts.get(r.part) ?? []), d]);
    const { sides, points: numbers } = ringLabels(r.points, paper, 2.2, outer);
    labels.push(...sides.map((l) => text(l, 'side')), ...numbers.map((l) => text(l, 'pt')));
    labels.push(...r.points.map((p) => { const q = paper(p); return `<circle cx="${q.px.toFixed(2)}" cy="${q.py.toFixed(2)}" r="0.7"/>`; }));
  }
  const bar = scaleBar(scale, 40);
  const barY = FRAME.height - 6;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" class="parcel-sketch" data-scale="${scale}" width="${FRAME.width}mm" height="${FRAME.height}mm" viewBox="0 0 ${FRAME.width} ${FRAME.height}" role="img" aria-label="宗地图 1:${scale}">
<style>.side{font-size:2.6px;text-anchor:middle;dominant-baseline:middle;fill:#1f2933}.pt{font-size:2.8px;font-weight:bold;text-anchor:middle;dominant-baseline:middle}.note{font-size:3px}path{fill:#f1f3f5;stroke:#c92a2a;stroke-width:0.45;fill-rule:evenodd}circle{fill:#c92a2a}</style>
<rect x="0.2" y="0.2" width="${FRAME.width - 0.4}" height="${FRAME.height - 0.4}" fill="none" stroke="#333" stroke-width="0.3"/>
${[...parts.values()].map((ds) => `<path d="${ds.join(' ')}"/>`).join('\n')}
${labels.join('\n')}
<g class="north" transform="translate(${FRAME.width - 10} 12)"><path d="M0 -7 L3 3 L0 1 L-3 3 Z" style="fill:#1f2933;stroke:none"/><text class="note" x="0" y="7.5" text-anchor="middle">北 N</text></g>
<g class="scale-bar" transform="translate(6 ${barY})"><rect x="0" y="-1.2" width="${(bar.lengthMm / 2).toFixed(2)}" height="1.2" fill="#1f2933"/><rect x="${(bar.lengthMm / 2).toFixed(2)}" y="-1.2" width="${(bar.lengthMm / 2).toFixed(2)}" height="1.2" fill="#fff" stroke="#1f2933" stroke-width="0.2"/>
<text class="note" x="0" y="-2.2">0</text><text class="note" x="${bar.lengthMm.toFixed(2)}" y="-2.2" text-anchor="end">${bar.lengthM} m</text>
<text class="note" x="${(bar.lengthMm + 4).toFixed(2)}" y="0">1:${scale} · ${esc(crs)} · 边长 m</text></g>
</svg>`;
  return { svg, scale };
}
