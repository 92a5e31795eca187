// Building findings: one helper so every check names the file, plot, ring and point the same way, in both languages.
import type { Finding } from '../formats/delivery';

export interface Where {
  file: string;
  line?: number;
  plot?: string;
  ring?: number;
  point?: string;
  x?: number;
  y?: number;
}

/** "file.txt, line 12, plot 1, ring 2, point J5" — the location prefix of a message. */
export function describeWhere(w: Where, zh = false): string {
  const parts = [w.file];
  if (w.line !== undefined) parts.push(zh ? `第${w.line}行` : `line ${w.line}`);
  if (w.plot !== undefined) parts.push(zh ? `地块${w.plot}` : `plot ${w.plot}`);
  if (w.ring !== undefined) parts.push(zh ? `圈${w.ring}` : `ring ${w.ring}`);
  if (w.point !== undefined) parts.push(zh ? `点${w.point}` : `point ${w.point}`);
  return parts.join(zh ? '，' : ', ');
}

/** A finding whose messages start with where it is. */
export function finding(code: string, severity: Finding['severity'], where: Where, message: string, messageZh: string, suggestion?: unknown): Finding {
  return {
    code,
    severity,
    message: `${describeWhere(where)}: ${message}`,
    messageZh: `${describeWhere(where, true)}：${messageZh}`,
    ...where,
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

/** Metres with millimetres, as surveyors write them. */
export const m3 = (n: number) => n.toFixed(3);
