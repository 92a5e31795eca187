// Colours of the review map: the accepted boundary (solid), the result under review (dashed), the diff between them.
export const REVIEW_COLOURS = {
  accepted: '#1f3a5f',
  candidate: '#e03131',
  /** Moved 界址点: arrows from the accepted to the re-surveyed position. */
  arrow: '#5f3dc4',
  added: '#2f9e44',
  removed: '#e8590c',
} as const;
