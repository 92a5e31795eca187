// Where to look: every parcel the hub knows (the demo set on first load), or one parcel.
import { boundingExtent, type Extent } from 'ol/extent';
import { transformExtent } from 'ol/proj';
import type Map from 'ol/Map';
import { api } from '../api/hub.api';
import type { ParcelDetail } from '../api/types';
import { MAP_PROJECTION } from '../geo/crs';
import { extentOf } from './useGeoJsonOverlay';

/** Fits the view (at once) to the results of every parcel the hub knows. */
export async function fitToData(map: Map): Promise<void> {
  const { items } = await api.parcels('', 500);
  const corners = items.flatMap((p) => (p.bbox4490 && p.bbox4490.length === 4 ? [[p.bbox4490[0], p.bbox4490[1]], [p.bbox4490[2], p.bbox4490[3]]] : []));
  if (!corners.length) return;
  map.getView().fit(transformExtent(boundingExtent(corners), 'EPSG:4490', MAP_PROJECTION), { padding: [40, 40, 40, 40], maxZoom: 17 });
}

/**
 * Where a parcel lies, in the map projection: its current boundary, or without one the extent of its results
 * (as the search reports it); null when none of its results has a geometry.
 */
export async function parcelExtent(detail: ParcelDetail): Promise<Extent | null> {
  if (detail.currentBoundary) return extentOf([detail.currentBoundary.geometry4490]);
  const code = detail.parcel.parcelCode;
  const { items } = await api.parcels(code, 1);
  const box = items.find((p) => p.parcelCode === code)?.bbox4490;
  return box && box.length === 4 ? transformExtent(box, 'EPSG:4490', MAP_PROJECTION) : null;
}
