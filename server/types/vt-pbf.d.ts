// vt-pbf ships no types: the one function the hub uses (encode geojson-vt tiles as a Mapbox Vector Tile).
declare module 'vt-pbf' {
  const vtpbf: { fromGeojsonVt(layers: Record<string, unknown>, options?: { version?: number; extent?: number }): Uint8Array };
  export default vtpbf;
}
