// A file for the staged bulk import, read in a parse worker: its plots, 界址点 and pure findings as tab-separated rows
// in chunks of a few MB (each chunk is one text parameter of one staging statement, split by the database), so the
// main thread neither parses nor builds per-plot objects. The exchange TXT streams; the other formats are read whole
// (within the worker's memory limit) and their plots take the same path.
import { allCountyCodes } from '../domain/counties';
import { decodeTextPieces } from '../formats/text-encoding';
import { readTxtHeader, streamTxtPlots, type StreamedPlot, type StreamProblem } from '../formats/txt-exchange.stream';
import { detectFormat, readDelivery, type ReadOptions } from '../formats/read-delivery';
import type { DeliveryPlot, Finding } from '../formats/delivery';
import { checkStagedPlot, type StagedFinding } from '../quality/staged-plot.checks';

const UNSAFE = /[\t\r\n\\]/;
const UNSAFE_ALL = /[\t\r\n\\]/g;

/** Characters per chunk of rows: a staging statement's text parameter. */
const CHUNK_CHARS = 4_000_000;

/** The file as staging rows: plots (position, line, 宗地代码, area and 界址点数 as written, part, WKT), points, findings. */
export interface StagedFile {
  format: string;
  encoding?: string;
  /** EPSG the file states (TXT header, .prj, GeoJSON crs), null when it states none. */
  epsg: number | null;
  /** Why the file's CRS cannot be used, when it cannot. */
  refusal?: { code: string; en: string; zh: string };
  /** Plots, point lines as written (closing points included), parcels. */
  counts: { plots: number; points: number; parcels: number };
  /** Chunks of rows, UTF-8: each is one text parameter of a staging statement. */
  plotRows: Uint8Array[];
  pointRows: Uint8Array[];
  findingRows: Uint8Array[];
}

/** Rows joined into chunks of about CHUNK_CHARS, kept as UTF-8 bytes (outside the worker's heap, which stays small). */
class ChunkedRows {
  readonly chunks: Uint8Array[] = [];
  private readonly encoder = new TextEncoder();
  private rows: string[] = [];
  private size = 0;

  add(fields: (string | number | null)[]): void {
    let row = '';
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      // A tab, line break or backslash inside a value would break the row: a space instead.
      row += (i ? '\t' : '') + (f === null ? '' : typeof f === 'number' ? f : UNSAFE.test(f) ? f.replace(UNSAFE_ALL, ' ') : f);
    }
    this.rows.push(row);
    this.size += row.length + 1;
    if (this.size >= CHUNK_CHARS) this.flush();
  }

  flush(): Uint8Array[] {
    if (this.rows.length) this.chunks.push(this.encoder.encode(this.rows.join('\n')));
    this.rows = [];
    this.size = 0;
    return this.chunks;
  }
}

/** Collects checked plots as rows; each parcel's plots numbered as its parts in file order. */
class StagingWriter {
  readonly plots = new ChunkedRows();
  readonly points = new ChunkedRows();
  readonly findings = new ChunkedRows();
  private readonly parts = new Map<string, number>();
  private readonly counties = new Set(allCountyCodes());
  private readonly scope: ReadonlySet<string> | null;
  private pointCount = 0;
  private plotCount = 0;

  constructor(scope: string[] | null) {
    this.scope = scope ? new Set(scope) : null;
  }

  addPlot(plot: StreamedPlot): void {
    const checked = checkStagedPlot(plot, this.counties, this.scope);
    const part = (this.parts.get(plot.label) ?? 0) + 1;
    // A copy of the label as the key: the label is a slice of its line, which would keep a whole decoded piece alive.
    this.parts.set(part === 1 ? (' ' + plot.label).slice(1) : plot.label, part);
    this.plots.add([plot.plotNo, plot.line, plot.label, plot.declared, plot.pointCount, part, checked.wkt]);
    for (const p of checked.points) this.points.add([plot.plotNo, p.ringNo, p.seq, p.pointNo, p.x, p.y, p.line]);
    for (const f of checked.findings) this.addFinding(f);
    this.plotCount += 1;
    this.pointCount += plot.points.length;
  }

  addFinding(f: StagedFinding): void {
    this.findings.add([f.plotNo, f.line, f.code, f.severity, f.en, f.zh]);
  }

  finish(head: Omit<StagedFile, 'counts' | 'plotRows' | 'pointRows' | 'findingRows'>): StagedFile {
    return {
      ...head, counts: { plots: this.plotCount, points: this.pointCount, parcels: this.parts.size },
      plotRows: this.plots.flush(), pointRows: this.points.flush(), findingRows: this.findings.flush(),
    };
  }
}

const problemFinding = (p: StreamProblem): StagedFinding => ({ plotNo: null, line: p.line, code: p.code, severity: 'error', en: p.en, zh: p.zh });
const readerFinding = (f: Finding): StagedFinding => ({ plotNo: null, line: f.line ?? 0, code: f.code, severity: f.severity, en: f.message, zh: f.messageZh });

/** The parts of a plot of another format as streamed plots (each part its own plot, rings closed as written). */
function* streamedParts(plot: DeliveryPlot, next: () => number): Generator<StreamedPlot> {
  const declared = plot.declaredArea ? `${plot.declaredArea.text ?? plot.declaredArea.value}${plot.declaredArea.unit === '公顷' ? '公顷' : ''}` : '';
  for (const part of plot.parts) {
    const points: StreamedPlot['points'] = [];
    for (const ring of part.rings) {
      const located = ring.closed && ring.points.length ? [...ring.points, ring.points[0]] : ring.points;
      for (const p of located) points.push({ pointNo: p.pointNo, ring: ring.ringNo, x: p.xText ?? String(p.x), y: p.yText ?? String(p.y), line: p.line ?? plot.line ?? 0 });
    }
    yield { plotNo: next(), line: plot.line ?? 0, label: plot.parcelCode ?? plot.plotNo, declared, pointCount: plot.declaredPointCount === undefined ? '' : String(plot.declaredPointCount), points };
  }
}

/** Reads `bytes` as staging rows; `scope`: the counties the importer may work on (null: any). Never throws for bad input. */
export async function stageFile(fileName: string, bytes: Uint8Array, scope: string[] | null, options: ReadOptions): Promise<StagedFile> {
  const writer = new StagingWriter(scope);
  const format = detectFormat(fileName, bytes) ?? 'unknown';
  if (format === 'txt') {
    // Decoded in pieces: a 100 MB file is never one string.
    const { encoding, pieces } = decodeTextPieces(bytes);
    const head = pieces.next();
    const header = readTxtHeader(head.done ? '' : head.value);
    const problems: StreamProblem[] = [];
    const all = function* () {
      if (!head.done) yield head.value;
      yield* pieces;
    };
    for (const batch of streamTxtPlots(all(), 1000, problems)) for (const plot of batch) writer.addPlot(plot);
    problems.forEach((p) => writer.addFinding(problemFinding(p)));
    return writer.finish({ format, encoding, epsg: header.epsg ?? null, refusal: header.refusal });
  }
  const read = await readDelivery(fileName, bytes, options);
  if (!read.ok) {
    read.findings.forEach((f) => writer.addFinding(readerFinding(f)));
    return writer.finish({ format, epsg: null });
  }
  let plotNo = 0;
  for (const plot of read.delivery.plots) for (const streamed of streamedParts(plot, () => ++plotNo)) writer.addPlot(streamed);
  read.delivery.findings.forEach((f) => writer.addFinding(readerFinding(f)));
  return writer.finish({ format, encoding: read.delivery.encoding, epsg: read.delivery.epsg });
}
