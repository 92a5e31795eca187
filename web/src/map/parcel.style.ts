// Styles of parcel boundaries and building footprints: colour by stage; submitted dashed, accepted solid, superseded faint.
// Zoomed out, where a parcel is a few pixels, a parcel boundary also gets a marker at its inside point, and its number
// (the code's last 7 characters, as in the 宗地图) from city zoom in: a city's parcels never shrink to specks.
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import type { FeatureLike } from 'ol/Feature';
import RenderFeature from 'ol/render/Feature';
import Point from 'ol/geom/Point';
import type { Geometry, MultiPolygon, Polygon } from 'ol/geom';
import type { Stage } from '../api/types';

export const STAGE_COLOURS: Record<Stage, string> = {
  land_supply: '#d9480f',
  planning: '#1971c2',
  presale: '#9c36b5',
  completion: '#2b8a3e',
  legacy: '#7a6a53',
};

const cache = new Map<string, Style>();

function hexToRgba(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${alpha})`;
}

/** A grid cell of a city view: a circle growing with the number of parcels in it, the number written inside. */
function countStyle(parcels: number): Style {
  const radius = Math.min(28, 8 + 3 * Math.log2(1 + parcels));
  return new Style({
    image: new Circle({ radius, fill: new Fill({ color: 'rgba(25,113,194,0.55)' }), stroke: new Stroke({ color: '#fff', width: 1.5 }) }),
    text: new Text({ text: String(parcels), font: '11px sans-serif', fill: new Fill({ color: '#fff' }) }),
  });
}

/** Below this resolution (m/px, about zoom 15) a parcel is drawn large enough by its outline alone. */
const MARKER_RESOLUTION = 4;
/** Above this one (about zoom 12) numbers would cover each other: markers only. */
const NUMBER_RESOLUTION = 40;

/** A point inside a parcel's outline, whether it comes from a tile (RenderFeature) or from the feature layer. */
function insidePoint(feature: FeatureLike): Point | undefined {
  if (feature instanceof RenderFeature) {
    // A tile's multipolygon arrives as one 'Polygon' render feature with several ends.
    return feature.getType() === 'Polygon' ? new Point(feature.getFlatInteriorPoint().slice(0, 2)) : undefined;
  }
  const g = feature.getGeometry() as Geometry | undefined;
  if (g?.getType() === 'Polygon') return (g as Polygon).getInteriorPoint();
  if (g?.getType() === 'MultiPolygon') return new Point((g as MultiPolygon).getInteriorPoints().getFirstCoordinate());
  return undefined;
}

const parcelNumber = (p: Record<string, unknown>) => String(p.parcelCode ?? '').slice(-7);
const numberText = (text: string, offsetY = 0) => new Text({ text, font: '11px sans-serif', offsetY, fill: new Fill({ color: '#1f2933' }), stroke: new Stroke({ color: '#fff', width: 3 }), overflow: false });

/** The marker (and number) of a parcel too small to see by its outline. */
function markerStyle(feature: FeatureLike, colour: string, resolution: number): Style {
  return new Style({
    geometry: insidePoint,
    image: new Circle({ radius: 4, fill: new Fill({ color: colour }), stroke: new Stroke({ color: '#fff', width: 1.5 }) }),
    text: resolution < NUMBER_RESOLUTION ? numberText(parcelNumber(feature.getProperties()), -11) : undefined,
  });
}

/** The style function; `visible(stage, role)` hides switched-off layers (grid counts show whatever is switched on). */
export function parcelStyle(visible: (stage: string, role: string) => boolean) {
  return (feature: FeatureLike, resolution: number): Style | Style[] | undefined => {
    const p = feature.getProperties();
    if (typeof p.parcels === 'number') return countStyle(p.parcels);
    if (!visible(p.stage, p.role)) return undefined;
    const superseded = p.superseded || p.status === 'superseded';
    const key = `${p.stage}|${p.role}|${p.status}|${superseded}`;
    let style = cache.get(key);
    if (!style) {
      const colour = STAGE_COLOURS[p.stage as Stage] ?? '#495057';
      const alpha = superseded ? 0.25 : 1;
      const building = p.role === 'building_footprint';
      style = new Style({
        stroke: new Stroke({ color: hexToRgba(colour, alpha), width: building ? 1.5 : 2.5, lineDash: p.status === 'submitted' ? [8, 6] : undefined }),
        fill: new Fill({ color: hexToRgba(colour, superseded ? 0.03 : building ? 0.18 : 0.07) }),
      });
      cache.set(key, style);
    }
    if (p.role !== 'parcel_boundary' || superseded) return style;
    if (resolution >= MARKER_RESOLUTION) return [style, markerStyle(feature, STAGE_COLOURS[p.stage as Stage] ?? '#495057', resolution)];
    return new Style({ stroke: style.getStroke()!, fill: style.getFill()!, text: numberText(parcelNumber(p)) });
  };
}
