// Large survey files for the tests of parsing off the main thread: generated, never stored in the repository.
import { lyingZip } from './lying-zip';

export { lyingZip };

/**
 * An exchange TXT (UTF-8, CRLF) of about `megabytes` MB near the DOMAIN.md sample (解放区): round plots of 30 m,
 * 40 m apart, each ring of 500 界址点 — a clean file (no errors), large only in its number of points.
 */
export function largeTxt(megabytes: number): Uint8Array {
  const POINTS = 500, RADIUS = 15, SPACING = 40, PER_ROW = 25;
  const lines = ['[属性描述]', '格式版本号=1.01', '坐标系=2000国家大地坐标系', '几度分带=3', '投影类型=高斯克吕格', '计量单位=米', '带号=38', '精度=0.001', '[地块坐标]'];
  // A regular 500-gon of radius r has the area ½·n·r²·sin(2π/n).
  const hectares = ((0.5 * POINTS * RADIUS * RADIUS * Math.sin((2 * Math.PI) / POINTS)) / 10_000).toFixed(4);
  let size = 0;
  for (let plot = 0; size < megabytes * 1024 * 1024; plot++) {
    const north = 3899000 - Math.floor(plot / PER_ROW) * SPACING, east = 38430000 + (plot % PER_ROW) * SPACING;
    const block = [`${POINTS + 1},${hectares},${plot + 1},地块${plot + 1},面,,住宅用地,0701,@`];
    for (let i = 0; i <= POINTS; i++) {
      const a = (2 * Math.PI * (i % POINTS)) / POINTS;
      block.push(`J${(i % POINTS) + 1},1,${(north + RADIUS * Math.cos(a)).toFixed(3)},${(east + RADIUS * Math.sin(a)).toFixed(3)}`);
    }
    for (const line of block) size += line.length + 2;
    lines.push(...block);
  }
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}
