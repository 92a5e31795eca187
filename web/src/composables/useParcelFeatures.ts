// Parcel boundaries and building footprints of the current extent — or, where the box holds too many (a city view),
// parcel counts on a grid — loaded once per view: `start()` loads the first view, then each move (debounced) loads
// again unless the box is the one already shown.
import { onBeforeUnmount, shallowRef } from 'vue';
import GeoJSON from 'ol/format/GeoJSON';
import { transformExtent } from 'ol/proj';
import type { StyleLike } from 'ol/style/Style';
import { api } from '../api/hub.api';
import { MAP_PROJECTION } from '../geo/crs';
import { useMap } from '../map/map-context';
import { useVectorLayer } from './useVectorLayer';
import { DATA_CHANGED_EVENT } from './useTileLayer';

const format = new GeoJSON({ dataProjection: 'EPSG:4490', featureProjection: MAP_PROJECTION });

/** The bbox as the API is asked for it (6 decimals, ≈ 0.1 m): two views that round alike are the same request. */
const bboxKey = (bbox: number[]) => bbox.map((v) => v.toFixed(6)).join(',');

export function useParcelFeatures(style: StyleLike, onError: (err: unknown) => void) {
  const { markReady } = useMap();
  const { map, source, layer } = useVectorLayer(style, 10);
  /** The view shows counts per grid cell, not features. */
  const aggregated = shallowRef(false);
  /** Features drawn for the current extent (grid cells when aggregated). */
  const count = shallowRef(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  let shown: string | null = null;
  let following = false;

  async function load() {
    const size = map.getSize();
    if (!size || !size[0]) return;
    const bbox = transformExtent(map.getView().calculateExtent(size), MAP_PROJECTION, 'EPSG:4490');
    const key = bboxKey(bbox);
    if (key === shown) return;
    shown = key;
    const mine = ++generation;
    try {
      const collection = await api.mapFeatures(bbox);
      if (mine !== generation) return;
      source.clear();
      source.addFeatures(format.readFeatures(collection));
      count.value = source.getFeatures().length;
      aggregated.value = !!collection.aggregated;
      map.once('rendercomplete', markReady);
      map.render();
    } catch (err) {
      if (mine === generation) shown = null;
      onError(err);
    }
  }

  const onMoveEnd = () => {
    if (!following) return;
    clearTimeout(timer);
    timer = setTimeout(load, 250);
  };
  map.on('moveend', onMoveEnd);
  // A decision, suspension or submission in this page changed what the view shows: load it again — now where the
  // features are drawn, at the next move where they are not (the tiles redraw the city zooms themselves).
  const onDataChanged = () => {
    shown = null;
    if (following && (map.getView().getZoom() ?? 0) >= layer.getMinZoom()) void load();
  };
  window.addEventListener(DATA_CHANGED_EVENT, onDataChanged);
  onBeforeUnmount(() => {
    clearTimeout(timer);
    map.un('moveend', onMoveEnd);
    window.removeEventListener(DATA_CHANGED_EVENT, onDataChanged);
  });

  /** Loads the current view now (the first one, once the view is fitted), then follows the map's moves. */
  async function start() {
    following = true;
    clearTimeout(timer);
    await load();
  }
  return { map, layer, aggregated, count, start };
}
