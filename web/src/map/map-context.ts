// The one OpenLayers map, handed from MapView to its descendants through a typed injection key.
// The map is a raw object (markRaw): Vue never walks or proxies OpenLayers internals.
import { inject, type InjectionKey } from 'vue';
import type Map from 'ol/Map';
import type { Extent } from 'ol/extent';

/** What the map element tells browser tests, as `data-<name>` attributes (see MapView). */
export type MapSignal = 'fitted' | 'diff-arrows' | 'focused';

export interface MapContext {
  map: Map;
  /** Called once the first parcel features are drawn; sets data-map-ready="true" on the map element. */
  markReady(): void;
  /**
   * Zooms (animated) to `extent` (map projection); once the view has arrived and the map has drawn there,
   * data-fitted="<name>" is set on the map element. An interrupted fit signals nothing.
   */
  fitView(extent: Extent, name: string): void;
  /** Sets (or, with null, removes) data-<name> on the map element. */
  signal(name: MapSignal, value: string | null): void;
}

export const MAP_KEY: InjectionKey<MapContext> = Symbol('onesurvey-map');

export function useMap(): MapContext {
  const context = inject(MAP_KEY);
  if (!context) throw new Error('useMap() outside <MapView>');
  return context;
}
