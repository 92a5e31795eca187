// Where a finding of the quality report is, as a surveyor's reading X (north), Y (east) in the report's CRS: a swapped
// point at its corrected reading (the suggestion the hub offers), any other at its own. Pure: no map, no projection.

export interface Reading { x: number; y: number }

interface LocatedFinding { code: string; x?: number | null; y?: number | null; suggestion?: unknown }

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The corrected reading of the first swapped point, where the hub offers one ({ points: [{ x, y }] }). */
function correctedReading(suggestion: unknown): Reading | null {
  const first = (suggestion as { points?: unknown[] } | null)?.points?.[0] as { x?: unknown; y?: unknown } | undefined;
  return first && finite(first.x) && finite(first.y) ? { x: first.x, y: first.y } : null;
}

/** The reading to show a finding at, or null where it has none. */
export function findingReading(f: LocatedFinding): Reading | null {
  if (/COORDINATES_SWAPPED$/.test(f.code)) {
    const corrected = correctedReading(f.suggestion);
    if (corrected) return corrected;
  }
  return finite(f.x) && finite(f.y) ? { x: f.x, y: f.y } : null;
}

/** Whether lon/lat (degrees) is a place on the map: finite and on the globe (a swapped reading lands far outside). */
export const onTheGlobe = ([lon, lat]: number[]) => Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 85;
