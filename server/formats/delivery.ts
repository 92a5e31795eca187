// The common shape every survey file format is read into (and written from): plots, parts, rings, located points.
import type { BoundaryPoint } from '../domain/survey-geometry';

/** Which format a delivery came in. */
export type DeliveryFormat = 'txt' | 'geojson' | 'csv' | 'dxf' | 'shp';

/** 界址点 with where it stands in the file: X north, Y east, in the delivery's CRS. */
export interface LocatedPoint extends BoundaryPoint {
  /** 1-based line (TXT, CSV), DXF entity handle line, or feature/record number where the format has no lines. */
  line?: number;
  /** The coordinate digits exactly as written, to export them verbatim (rule R4: same digits). */
  xText?: string;
  yText?: string;
}

/** A ring as delivered; the closing point is not repeated in `points`; `closed` says whether the file closed it. */
export interface DeliveryRing {
  ringNo: number;
  points: LocatedPoint[];
  closed: boolean;
}

export interface DeliveryPart {
  partNo: number;
  rings: DeliveryRing[];
}

/**
 * An area as written: value and unit, and its value in m². `inferred`: the unit was not written but deduced.
 * `text`: the number exactly as written ("0.2300"), whose last digit sets the rounding it is judged to (DOMAIN.md §5);
 * absent, the shortest decimal text of `value` stands for it.
 */
export interface DeclaredArea {
  value: number;
  unit: '公顷' | 'm²';
  inferred: boolean;
  m2: number;
  text?: string;
}

/** One plot (地块) of a delivery. */
export interface DeliveryPlot {
  plotNo: string;
  name?: string;
  /** Line or record where the plot starts. */
  line?: number;
  declaredArea?: DeclaredArea;
  /** 界址点数 as written, if the format has it. */
  declaredPointCount?: number;
  /** 宗地代码 written in the plot's attributes, if any. */
  parcelCode?: string;
  /** Every other attribute as written (地块用途, 地类编码, DBF fields, GeoJSON properties…). */
  attributes: Record<string, string>;
  parts: DeliveryPart[];
}

/** A finding of a parser or a quality check: stable code, severity, bilingual message and location. */
export interface Finding {
  code: string;
  /** `error` blocks submission; `warning` does not. */
  severity: 'error' | 'warning';
  message: string;
  messageZh: string;
  file: string;
  line?: number;
  plot?: string;
  ring?: number;
  point?: string;
  /** Where on the map: X north, Y east, in the delivery's CRS. */
  x?: number;
  y?: number;
  /** A corrected reading offered to the surveyor (e.g. X and Y swapped back), free-form. */
  suggestion?: unknown;
}

/** A file read into plots, with the CRS it states (null where it states none) and the parser's findings. */
export interface Delivery {
  format: DeliveryFormat;
  fileName: string;
  /** How the text was decoded, for text formats. */
  encoding?: string;
  /** EPSG code of the coordinates; null when the file does not say and the request must. */
  epsg: number | null;
  /** Header / metadata as written (TXT [属性描述], .prj name, GeoJSON crs…). */
  header: Record<string, string>;
  plots: DeliveryPlot[];
  findings: Finding[];
}

/** What a reader returns: a delivery (possibly with warnings), or the errors that stopped it. */
export type ReadResult = { ok: true; delivery: Delivery } | { ok: false; findings: Finding[] };

/** A stored 界址点 row: part and ring within the result, order within the ring, digits as surveyed. */
export interface StoredPoint {
  part: number;
  ring: number;
  seq: number;
  pointNo: string;
  x: number | string;
  y: number | string;
  xText?: string;
  yText?: string;
}

/** Stored 界址点 rows (in order) back into parts and rings; ring numbers run on across parts, as 圈号 do within a TXT plot. */
export function partsFromStored(points: StoredPoint[]): DeliveryPart[] {
  const parts: DeliveryPart[] = [];
  let ringNo = 0;
  for (const p of points) {
    let part = parts.find((x) => x.partNo === p.part);
    if (!part) parts.push((part = { partNo: p.part, rings: [] }));
    let ring = part.rings[part.rings.length - 1];
    if (!ring || p.seq === 1) part.rings.push((ring = { ringNo: ++ringNo, closed: true, points: [] }));
    ring.points.push({ pointNo: p.pointNo, x: Number(p.x), y: Number(p.y), xText: p.xText ?? String(p.x), yText: p.yText ?? String(p.y) });
  }
  return parts;
}
