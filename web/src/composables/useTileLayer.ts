// Vector tiles of the hub's results (OGC API – Tiles, MVT) at city zoom (10–13), for the lifetime of the calling
// component: a whole city's parcels styled by stage and status without loading every feature. Tiles carry ETags
// (revalidated on every fetch: 304 when unchanged); the layer refetches its tiles after a decision in this page
// (`hub:data-changed`) and every minute, so nobody keeps looking at a tile a decision has changed.
import { markRaw, onBeforeUnmount } from 'vue';
import VectorTileLayer from 'ol/layer/VectorTile';
import VectorTileSource from 'ol/source/VectorTile';
import MVT from 'ol/format/MVT';
import type { StyleLike } from 'ol/style/Style';
import { useMap } from '../map/map-context';

/** Zoom levels the tiles draw (the feature layer takes over from DETAIL_ZOOM). */
export const CITY_ZOOM = { min: 10, max: 14 };
export const DATA_CHANGED_EVENT = 'hub:data-changed';
const REFRESH_MS = 60_000;

export function useTileLayer(collection: 'results' | 'parcels', style: StyleLike, zIndex = 9) {
  const { map } = useMap();
  const source = markRaw(new VectorTileSource({
    format: new MVT(),
    url: `/ogc/collections/${collection}/tiles/WebMercatorQuad/{z}/{x}/{y}`,
    // Zoomed further out, the map draws z10 tiles smaller: a city's parcels are still each one feature.
    minZoom: CITY_ZOOM.min,
    maxZoom: CITY_ZOOM.max - 1,
  }));
  // Below city zoom too (a county at a glance); from CITY_ZOOM.max the feature layer draws instead.
  const layer = markRaw(new VectorTileLayer({ source, style, zIndex, maxZoom: CITY_ZOOM.max }));
  map.addLayer(layer);
  const refresh = () => source.refresh();
  window.addEventListener(DATA_CHANGED_EVENT, refresh);
  const timer = setInterval(refresh, REFRESH_MS);
  onBeforeUnmount(() => {
    clearInterval(timer);
    window.removeEventListener(DATA_CHANGED_EVENT, refresh);
    map.removeLayer(layer);
  });
  return { layer, source };
}
