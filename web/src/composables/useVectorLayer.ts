// A vector layer on the injected map for the lifetime of the calling component.
import { markRaw, onBeforeUnmount } from 'vue';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import type { StyleLike } from 'ol/style/Style';
import type { FlatStyleLike } from 'ol/style/flat';
import { useMap } from '../map/map-context';

export function useVectorLayer(style: StyleLike | FlatStyleLike, zIndex = 10) {
  const { map } = useMap();
  const source = markRaw(new VectorSource());
  const layer = markRaw(new VectorLayer({ source, style, zIndex }));
  map.addLayer(layer);
  onBeforeUnmount(() => map.removeLayer(layer));
  return { map, source, layer };
}
