// Parcel boundaries and building footprints of the current extent, reloaded (debounced) after each move.
import { onBeforeUnmount, shallowRef } from 'vue';
import GeoJSON from 'ol/format/GeoJSON';
import { transformExtent } from 'ol/proj';
import type { StyleLike } from 'ol/style/Style';
import { api } from '../api/hub.api';
import { MAP_PROJECTION } from '../geo/crs';
import { useMap } from '../map/map-context';
import { useVectorLayer } from './useVectorLayer';

const format = new GeoJSON({ dataProjection: 'EPSG:4490', featureProjection: MAP_PROJECTION });

export function useParcelFeatures(style: StyleLike, onError: (err: unknown) => void) {
  const { markReady } = useMap();
  const { map, source, layer } = useVectorLayer(style, 10);
  const truncated = shallowRef(false);
  /** Features drawn for the current extent. */
  const count = shallowRef(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  async function load() {
    const size = map.getSize();
    if (!size || !size[0]) return;
    const bbox = transformExtent(map.getView().calculateExtent(size), MAP_PROJECTION, 'EPSG:4490');
    const mine = ++generation;
    try {
      const collection = await api.mapFeatures(bbox);
      if (mine !== generation) return;
      source.clear();
      source.addFeatures(format.readFeatures(collection));
      count.value = source.getFeatures().length;
      truncated.value = !!(collection as { truncated?: boolean }).truncated;
      map.once('rendercomplete', markReady);
      map.render();
    } catch (err) {
      onError(err);
    }
  }

  const onMoveEnd = () => {
    clearTimeout(timer);
    timer = setTimeout(load, 250);
  };
  map.on('moveend', onMoveEnd);
  onBeforeUnmount(() => {
    clearTimeout(timer);
    map.un('moveend', onMoveEnd);
  });
  return { map, layer, truncated, count, reload: load };
}
