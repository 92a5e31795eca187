// The quality report (质检报告) of a delivery: every pure check in one pass, then a summary a surveyor reads first.
import type { PrecisionClass } from '../domain/tolerances';
import { boundaryPointTolerance } from '../domain/tolerances';
import type { Delivery, Finding } from '../formats/delivery';
import { checkAreas, checkDeclaredTotal, plotPlaneArea } from './area.checks';
import { finding } from './finding';
import { checkCounty, zoneToLonLat } from './county.checks';
import { checkNumbering } from './numbering.checks';
import { checkPositions } from './position.checks';
import { checkCoordinateDigits } from './precision.checks';
import { checkRings } from './ring.checks';

export interface QualityContext {
  precisionClass: PrecisionClass;
  /** The kind is a supply document whose area is official (R3). */
  officialArea: boolean;
  /** 宗地代码 of the request, to compare with codes written in the file. */
  parcelCode?: string;
  /** Land area the submission declares for all its plots together (`declaredAreaM2`), m². */
  declaredAreaM2?: number;
}

/** Every check that needs no database; position errors stop the geometry checks (they would only repeat them). */
export function checkDelivery(delivery: Delivery, ctx: QualityContext): Finding[] {
  const positions = checkPositions(delivery);
  const findings = [...delivery.findings, ...positions, ...checkNumbering(delivery), ...checkCoordinateDigits(delivery), ...checkParcelCodes(delivery, ctx.parcelCode)];
  if (positions.some((f) => f.severity === 'error')) return findings;
  if (delivery.epsg !== null) for (const f of checkCounty(delivery, ctx.parcelCode, zoneToLonLat(delivery.epsg))) findings.push(f);
  const rings = checkRings(delivery, { tolerance: boundaryPointTolerance(ctx.precisionClass) });
  for (const f of rings) findings.push(f); // loops, not push(...): a ring of 140 000 points may give as many findings
  if (!rings.some((f) => f.severity === 'error')) {
    for (const f of checkAreas(delivery, ctx.officialArea)) findings.push(f);
    if (ctx.declaredAreaM2 !== undefined) for (const f of checkDeclaredTotal(delivery, ctx.declaredAreaM2, ctx.officialArea)) findings.push(f);
  }
  return findings;
}

function checkParcelCodes(delivery: Delivery, requested?: string): Finding[] {
  if (!requested) return [];
  return delivery.plots
    .filter((plot) => plot.parcelCode && plot.parcelCode !== requested)
    .map((plot) => finding('PARCEL_CODE_MISMATCH', 'error', { file: delivery.fileName, plot: plot.plotNo, line: plot.line },
      `the file gives 宗地代码 ${plot.parcelCode} for this plot, but the submission is for ${requested}; submit it for the right parcel or correct the file`,
      `文件中该地块的宗地代码为${plot.parcelCode}，与提交的${requested}不一致；请按正确宗地提交或更正文件`));
}

export interface PlotSummary {
  plotNo: string;
  name?: string;
  parcelCode?: string;
  parts: number;
  rings: number;
  points: number;
  /** Plane area from the coordinates, m², in the delivery's CRS. */
  planeAreaM2: number;
  declaredArea?: Delivery['plots'][number]['declaredArea'];
  /**
   * The plot's rings as written, each a list of [X north, Y east] in the report's CRS, the closing point not repeated
   * (outer and inner rings of every part, 圈号 order), for drawing the upload on the map; only in deliveries of at most OUTLINE_POINT_LIMIT points.
   */
  outline?: [number, number][][];
}

/** Deliveries with more 界址点 than this come without outlines (a city-scale TXT is not drawn point by point). */
export const OUTLINE_POINT_LIMIT = 20_000;

export interface QualityReport {
  file: string;
  format: Delivery['format'] | null;
  encoding: string | null;
  crs: string | null;
  plots: PlotSummary[];
  findings: Finding[];
  errors: number;
  warnings: number;
  /** No error: the delivery may be submitted. */
  passed: boolean;
}

export function buildReport(file: string, delivery: Delivery | null, findings: Finding[]): QualityReport {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const plots = delivery?.plots ?? [];
  const pointsOf = (plot: Delivery['plots'][number]) => plot.parts.reduce((n, p) => n + p.rings.reduce((m, r) => m + r.points.length, 0), 0);
  const drawn = plots.reduce((n, plot) => n + pointsOf(plot), 0) <= OUTLINE_POINT_LIMIT;
  return {
    file,
    format: delivery?.format ?? null,
    encoding: delivery?.encoding ?? null,
    crs: delivery?.epsg ? `EPSG:${delivery.epsg}` : null,
    plots: plots.map((plot) => ({
      plotNo: plot.plotNo,
      name: plot.name,
      parcelCode: plot.parcelCode,
      parts: plot.parts.length,
      rings: plot.parts.reduce((n, p) => n + p.rings.length, 0),
      points: pointsOf(plot),
      planeAreaM2: Math.round(plotPlaneArea(plot) * 1000) / 1000,
      declaredArea: plot.declaredArea,
      ...(drawn && { outline: plot.parts.flatMap((part) => part.rings.map((ring) => ring.points.map((p): [number, number] => [p.x, p.y]))) }),
    })),
    findings,
    errors,
    warnings: findings.length - errors,
    passed: errors === 0,
  };
}
