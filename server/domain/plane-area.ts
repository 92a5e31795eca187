// Plane area of polygons in a projected CRS, summed about a local origin so Gauss-Krüger magnitudes lose no precision.

/** A ring as [easting, northing] positions; closed or not. */
export type Ring = number[][];

/** Signed shoelace area of a ring, m² (counter-clockwise positive), relative to its first vertex. */
export function ringSignedArea(ring: Ring): number {
  if (ring.length < 3) return 0;
  const [x0, y0] = ring[0];
  let twice = 0;
  for (let i = 1; i < ring.length - 1; i++) {
    const ax = ring[i][0] - x0, ay = ring[i][1] - y0;
    const bx = ring[i + 1][0] - x0, by = ring[i + 1][1] - y0;
    twice += ax * by - bx * ay;
  }
  return twice / 2;
}

/** Plane area of a polygon (outer ring minus holes), m², in the CRS of its coordinates. */
export function polygonPlaneArea(rings: Ring[]): number {
  return rings.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringSignedArea(ring)), 0);
}

/** Plane area of several polygons, m². */
export function multiPolygonPlaneArea(polygons: Ring[][]): number {
  return polygons.reduce((sum, p) => sum + polygonPlaneArea(p), 0);
}
