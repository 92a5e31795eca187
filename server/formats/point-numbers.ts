// 点号 (point numbers) are written back into TXT, CSV and DXF exports: one holding a line break could inject lines
// (a forged coordinate line in a TXT), so a control character in a point number is refused at intake, by every reader.
import type { ReadResult } from './delivery';
import { finding } from '../quality/finding';

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A point number with its control characters made visible: "J1\r\n" → J1\u000d\u000a. */
export const showControls = (text: string) => text.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The read result, or a refusal naming (file, line, plot, ring, point) each point number holding a control character. */
export function refuseControlCharacters(result: ReadResult): ReadResult {
  if (!result.ok) return result;
  const { delivery } = result;
  const findings = [];
  for (const plot of delivery.plots) for (const part of plot.parts) for (const ring of part.rings) for (const p of ring.points) {
    if (!CONTROL_CHARACTER.test(p.pointNo)) continue;
    const shown = showControls(p.pointNo);
    findings.push(finding('POINT_NUMBER_CONTROL_CHARACTER', 'error', { file: delivery.fileName, line: p.line ?? plot.line, plot: plot.plotNo, ring: ring.ringNo, point: shown },
      `the point number ${shown} holds a control character (a line break, tab or similar); write it as plain text, e.g. J1`,
      `点号${shown}含有控制字符（换行、制表符等）；请写为普通文本，如J1`));
    if (findings.length >= 20) break;
  }
  return findings.length ? { ok: false, findings } : result;
}
