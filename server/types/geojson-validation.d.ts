// geojson-validation ships no types; the one call the hub makes.
declare module 'geojson-validation' {
  /** With trace = true, the list of problems (empty when valid). */
  export function valid(object: unknown, trace: true): string[];
  export function valid(object: unknown): boolean;
}
