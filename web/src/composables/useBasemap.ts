// The basemap under the parcels: none by default (offline — nothing is downloaded), 天地图 vector or imagery with its
// 注记 layer when the hub has a key (TIANDITU_KEY), or any XYZ template (?basemap=, VITE_BASEMAP_URL, or typed in).
// The choice is remembered in localStorage.
import { markRaw, onBeforeUnmount, shallowRef } from 'vue';
import TileLayer from 'ol/layer/Tile';
import XYZ from 'ol/source/XYZ';
import { useMap } from '../map/map-context';

export type BasemapChoice = 'none' | 'tdtVector' | 'tdtImagery' | 'custom';
const SAVED = 'onesurvey.basemap';

/** 天地图 WMTS (Web Mercator, CGCS2000 datum: no offset) tiles of `layer` (vec, cva, img, cia) as an XYZ template. */
export const tiandituUrl = (layer: string, key: string) =>
  `https://t{0-7}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;

/** The tile URL templates of a choice: a base and, for 天地图, its 注记 (labels) on top. */
export function basemapTemplates(choice: BasemapChoice, key: string | null, custom: string): string[] {
  if ((choice === 'tdtVector' || choice === 'tdtImagery') && key) {
    return choice === 'tdtVector' ? [tiandituUrl('vec', key), tiandituUrl('cva', key)] : [tiandituUrl('img', key), tiandituUrl('cia', key)];
  }
  return choice === 'custom' && /^https?:\/\/.+\{z\}.*/.test(custom) ? [custom] : [];
}

/** What the page starts with: ?basemap= (a template), else the remembered choice, else VITE_BASEMAP_URL, else none. */
function initial(): { choice: BasemapChoice; custom: string } {
  const fromQuery = new URLSearchParams(location.search).get('basemap');
  if (fromQuery) return { choice: 'custom', custom: fromQuery };
  const saved = JSON.parse(localStorage.getItem(SAVED) ?? 'null') as { choice: BasemapChoice; custom: string } | null;
  if (saved) return saved;
  const built = import.meta.env.VITE_BASEMAP_URL as string | undefined;
  return built ? { choice: 'custom', custom: built } : { choice: 'none', custom: '' };
}

export function useBasemap() {
  const { map } = useMap();
  const start = initial();
  const choice = shallowRef<BasemapChoice>(start.choice);
  const custom = shallowRef(start.custom);
  let layers: TileLayer<XYZ>[] = [];

  /** Shows `next` (with the 天地图 `key`, if any); a 天地图 choice without a key shows nothing. */
  function show(next: BasemapChoice, key: string | null, template = custom.value) {
    for (const l of layers) map.removeLayer(l);
    layers = basemapTemplates(next, key, template).map((url, i) => markRaw(new TileLayer({ source: new XYZ({ url, crossOrigin: 'anonymous', maxZoom: 18 }), zIndex: i })));
    for (const l of layers) map.addLayer(l);
    choice.value = next;
    custom.value = template;
    localStorage.setItem(SAVED, JSON.stringify({ choice: next, custom: template }));
  }
  onBeforeUnmount(() => layers.forEach((l) => map.removeLayer(l)));
  return { choice, custom, show };
}
