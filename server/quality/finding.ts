// Building findings: one helper so every check names the file, plot, ring and point the same way, in both languages.
import type { Finding } from '../formats/delivery';

/** Where a finding is: the file, and whichever of these its format has. */
export interface Where {
  file: string;
  /** A member of an archive (e.g. plots.shp in a zip). */
  entry?: string;
  line?: number;
  /** A record of a table (DBF) or a feature of a collection. */
  record?: number;
  column?: string;
  /** A DXF entity handle, and its layer. */
  entity?: string;
  layer?: string;
  plot?: string;
  ring?: number;
  point?: string;
  x?: number;
  y?: number;
}

const LABELS: [keyof Where, (v: unknown) => string, (v: unknown) => string][] = [
  ['entry', (v) => `${v}`, (v) => `${v}`],
  ['line', (v) => `line ${v}`, (v) => `第${v}行`],
  ['record', (v) => `record ${v}`, (v) => `第${v}条记录`],
  ['column', (v) => `column ${v}`, (v) => `列“${v}”`],
  ['entity', (v) => `entity ${v}`, (v) => `实体${v}`],
  ['layer', (v) => `layer ${v}`, (v) => `图层${v}`],
  ['plot', (v) => `plot ${v}`, (v) => `地块${v}`],
  ['ring', (v) => `ring ${v}`, (v) => `第${v}圈`],
  ['point', (v) => `point ${v}`, (v) => `界址点${v}`],
];

/** "file.txt, line 12, plot 1, ring 2, point J5" — the location prefix of a message. */
export function describeWhere(w: Where, zh = false): string {
  const parts = [w.file, ...LABELS.filter(([key]) => w[key] !== undefined && w[key] !== '').map(([key, en, cn]) => (zh ? cn : en)(w[key]))];
  return parts.join(zh ? '，' : ', ');
}

/** A finding whose messages start with where it is, in English and Chinese. */
export function finding(code: string, severity: Finding['severity'], where: Where, message: string, messageZh: string, suggestion?: unknown): Finding {
  const { file, plot, ring, point, x, y } = where;
  const line = where.line ?? where.record;
  return {
    code,
    severity,
    message: `${describeWhere(where)}: ${message}`,
    messageZh: `${describeWhere(where, true)}：${messageZh}`,
    file,
    ...(line !== undefined && { line }),
    ...(plot !== undefined && { plot }),
    ...(ring !== undefined && { ring }),
    ...(point !== undefined && { point }),
    ...(x !== undefined && { x }),
    ...(y !== undefined && { y }),
    ...(suggestion !== undefined && { suggestion }),
  };
}

/** Metres with millimetres, as surveyors write them. */
export const m3 = (n: number) => n.toFixed(3);
