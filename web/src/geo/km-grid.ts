// The kilometre grid of a CGCS2000 3° zone as surveyors read it: lines of constant X (north) and Y (east, zone-prefixed)
// every 1, 2, 5, 10, 20, 50 or 100 km, labelled in km (X 3899, Y 38430). Pure: zone coordinates in, lines out.

/** Spacings (km) the grid is drawn at. */
export const GRID_SPACINGS_KM = [1, 2, 5, 10, 20, 50, 100];

/** The spacing whose lines lie at least `minPx` apart at `resolution` m per pixel (the largest when none is). */
export function gridSpacingKm(resolution: number, minPx = 90): number {
  return GRID_SPACINGS_KM.find((km) => (km * 1000) / resolution >= minPx) ?? GRID_SPACINGS_KM[GRID_SPACINGS_KM.length - 1];
}

/** A grid line in zone coordinates: `axis` x = a line of constant X (north), y = of constant Y (east); its km label. */
export interface GridLine { axis: 'x' | 'y'; valueM: number; label: string; points: [east: number, north: number][] }

/**
 * The grid lines crossing a zone-coordinate box (east/north in m, the east zone-prefixed), each densified to `steps`
 * segments so it can be drawn as a curve in another projection. At most `maxLines` per axis (none beyond it).
 */
export function gridLines(box: { minEast: number; minNorth: number; maxEast: number; maxNorth: number }, spacingKm: number, steps = 8, maxLines = 60): GridLine[] {
  const step = spacingKm * 1000;
  const values = (lo: number, hi: number) => {
    const out: number[] = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi && out.length <= maxLines; v += step) out.push(v);
    return out.length > maxLines ? [] : out;
  };
  const along = (lo: number, hi: number) => Array.from({ length: steps + 1 }, (_, i) => lo + ((hi - lo) * i) / steps);
  const km = (m: number) => String(Math.round(m / 1000));
  return [
    ...values(box.minNorth, box.maxNorth).map((north): GridLine => ({ axis: 'x', valueM: north, label: `X ${km(north)}`, points: along(box.minEast, box.maxEast).map((e) => [e, north]) })),
    ...values(box.minEast, box.maxEast).map((east): GridLine => ({ axis: 'y', valueM: east, label: `Y ${km(east)}`, points: along(box.minNorth, box.maxNorth).map((n) => [east, n]) })),
  ];
}
