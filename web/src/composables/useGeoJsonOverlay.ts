// Shows EPSG:4490 GeoJSON (from a reactive getter) as an overlay layer; optionally zooms to it when it changes.
import { watch } from 'vue';
import GeoJSON from 'ol/format/GeoJSON';
import type { StyleLike } from 'ol/style/Style';
import { MAP_PROJECTION } from '../geo/crs';
import { useVectorLayer } from './useVectorLayer';

const format = new GeoJSON({ dataProjection: 'EPSG:4490', featureProjection: MAP_PROJECTION });

export function useGeoJsonOverlay(
  features: () => GeoJSON.Feature[] | null | undefined,
  style: StyleLike,
  options: { zIndex?: number; fit?: boolean } = {},
) {
  const { map, source, layer } = useVectorLayer(style, options.zIndex ?? 20);
  watch(
    features,
    (list) => {
      source.clear();
      if (!list?.length) return;
      source.addFeatures(format.readFeatures({ type: 'FeatureCollection', features: list }));
      if (options.fit) map.getView().fit(source.getExtent(), { padding: [60, 60, 60, 60], maxZoom: 19, duration: 300 });
    },
    { immediate: true },
  );
  return { map, source, layer };
}

/** A bare geometry as a one-feature list, with properties. */
export const asFeature = (geometry: GeoJSON.Geometry | null | undefined, properties: Record<string, unknown> = {}): GeoJSON.Feature[] =>
  geometry ? [{ type: 'Feature', geometry, properties }] : [];
