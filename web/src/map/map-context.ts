// The one OpenLayers map, handed from MapView to its descendants through a typed injection key.
// The map is a raw object (markRaw): Vue never walks or proxies OpenLayers internals.
import { inject, type InjectionKey } from 'vue';
import type Map from 'ol/Map';

export interface MapContext {
  map: Map;
  /** Called once the first parcel features are drawn; sets data-map-ready="true" on the map element. */
  markReady(): void;
}

export const MAP_KEY: InjectionKey<MapContext> = Symbol('onesurvey-map');

export function useMap(): MapContext {
  const context = inject(MAP_KEY);
  if (!context) throw new Error('useMap() outside <MapView>');
  return context;
}
