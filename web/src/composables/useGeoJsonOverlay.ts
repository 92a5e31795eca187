// Shows EPSG:4490 GeoJSON (from a reactive getter) as an overlay layer; where to look is the caller's choice (see extentOf).
import { watch } from 'vue';
import GeoJSON from 'ol/format/GeoJSON';
import { createEmpty, extend, type Extent } from 'ol/extent';
import type { StyleLike } from 'ol/style/Style';
import { MAP_PROJECTION } from '../geo/crs';
import { useVectorLayer } from './useVectorLayer';

const format = new GeoJSON({ dataProjection: 'EPSG:4490', featureProjection: MAP_PROJECTION });

export function useGeoJsonOverlay(features: () => GeoJSON.Feature[] | null | undefined, style: StyleLike, options: { zIndex?: number } = {}) {
  const { map, source, layer } = useVectorLayer(style, options.zIndex ?? 20);
  watch(
    features,
    (list) => {
      source.clear();
      if (list?.length) source.addFeatures(format.readFeatures({ type: 'FeatureCollection', features: list }));
    },
    { immediate: true },
  );
  return { map, source, layer };
}

/** A bare geometry as a one-feature list, with properties. */
export const asFeature = (geometry: GeoJSON.Geometry | null | undefined, properties: Record<string, unknown> = {}): GeoJSON.Feature[] =>
  geometry ? [{ type: 'Feature', geometry, properties }] : [];

/** The extent, in the map projection, of EPSG:4490 geometries (missing ones skipped); empty when there are none. */
export function extentOf(geometries: (GeoJSON.Geometry | null | undefined)[]): Extent {
  const extent = createEmpty();
  for (const g of geometries) {
    const read = g && format.readGeometry(g);
    if (read) extend(extent, read.getExtent());
  }
  return extent;
}
