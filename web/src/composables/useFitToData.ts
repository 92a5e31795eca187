// Fits the view to every parcel the hub knows (the demo set on first load).
import { boundingExtent } from 'ol/extent';
import { transformExtent } from 'ol/proj';
import type Map from 'ol/Map';
import { api } from '../api/hub.api';
import { MAP_PROJECTION } from '../geo/crs';

export async function fitToData(map: Map): Promise<void> {
  const { items } = await api.parcels('', 500);
  const corners = items.flatMap((p) => (p.bbox4490 && p.bbox4490.length === 4 ? [[p.bbox4490[0], p.bbox4490[1]], [p.bbox4490[2], p.bbox4490[3]]] : []));
  if (!corners.length) return;
  map.getView().fit(transformExtent(boundingExtent(corners), 'EPSG:4490', MAP_PROJECTION), { padding: [40, 40, 40, 40], maxZoom: 17 });
}
