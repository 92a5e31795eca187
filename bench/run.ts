// npm run bench [-- name…]: each benchmark prints its figures next to a baseline measured in the same run, as a ratio.
import * as importBench from './import.bench';
import * as loadBench from './load.bench';
import * as ogcBench from './ogc.bench';
import * as packetsBench from './packets.bench';
import * as parseBench from './parse.bench';

const BENCHES: Record<string, { run(): Promise<string[][]> }> = { import: importBench, load: loadBench, ogc: ogcBench, packets: packetsBench, parse: parseBench };

async function main(): Promise<void> {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BENCHES);
  const unknown = names.filter((n) => !BENCHES[n]);
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  const rows = [['bench', 'what', 'hub', 'baseline (plain SQL, same run)', 'ratio hub/baseline']];
  for (const name of names) {
    console.error(`running ${name}…`);
    rows.push(...(await BENCHES[name].run()));
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  for (const r of rows) console.log(r.map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length)).join('  '));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
