// The surveyed geometry of a result: parts, rings (圈) and boundary points (界址点) in its projected CRS.

/** 界址点: X = northing, Y = easting, m, in the result's CRS. */
export interface BoundaryPoint {
  pointNo: string;
  x: number;
  y: number;
}

/** A ring as surveyed: 圈号 1 is the outer ring of its part; the closing point is not repeated. */
export interface SurveyedRing {
  ringNo: number;
  points: BoundaryPoint[];
}

export interface SurveyedPart {
  partNo: number;
  rings: SurveyedRing[];
}
