// An optional XYZ basemap from ?basemap= or VITE_BASEMAP_URL; without one the map keeps its plain background (offline).
import TileLayer from 'ol/layer/Tile';
import XYZ from 'ol/source/XYZ';
import type Map from 'ol/Map';

export function basemapUrl(): string | null {
  const fromQuery = new URLSearchParams(location.search).get('basemap');
  return fromQuery || import.meta.env.VITE_BASEMAP_URL || null;
}

export function useBasemap(map: Map): void {
  const url = basemapUrl();
  if (url) map.addLayer(new TileLayer({ source: new XYZ({ url, crossOrigin: 'anonymous' }), zIndex: 0 }));
}
