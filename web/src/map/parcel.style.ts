// Styles of parcel boundaries and building footprints: colour by stage; submitted dashed, accepted solid, superseded faint.
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import type { FeatureLike } from 'ol/Feature';
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

/** The style function; `visible(stage, role)` hides switched-off layers (grid counts show whatever is switched on). */
export function parcelStyle(visible: (stage: string, role: string) => boolean) {
  return (feature: FeatureLike, resolution: number): Style | undefined => {
    const p = feature.getProperties();
    if (typeof p.parcels === 'number') return countStyle(p.parcels);
    if (!visible(p.stage, p.role)) return undefined;
    const superseded = p.superseded || p.status === 'superseded';
    const key = `${p.stage}|${p.role}|${p.status}|${superseded}|${resolution < 2}`;
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
    if (resolution < 2 && p.role === 'parcel_boundary' && !superseded) {
      return new Style({ stroke: style.getStroke()!, fill: style.getFill()!, text: new Text({ text: String(p.parcelCode).slice(-7), font: '11px sans-serif', overflow: false }) });
    }
    return style;
  };
}
