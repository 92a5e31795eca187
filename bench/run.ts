// npm run bench [-- name…] [--quick] [--parcels N]: each benchmark prints its figures next to a baseline measured in the same run, as a ratio.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as bulkBench from './bulk.bench';
import * as cityBench from './city.bench';
import * as importBench from './import.bench';
import * as loadBench from './load.bench';
import * as ogcBench from './ogc.bench';
import * as packetsBench from './packets.bench';
import * as parseBench from './parse.bench';

const BENCHES: Record<string, { run(): Promise<string[][]> }> = { bulk: bulkBench, city: cityBench, import: importBench, load: loadBench, ogc: ogcBench, packets: packetsBench, parse: parseBench };

async function main(): Promise<void> {
  // Names first; --quick is a CI-sized run (each bench reads BENCH_QUICK); --parcels N is read by the benches that take it.
  const args = process.argv.slice(2);
  if (args.includes('--quick')) process.env.BENCH_QUICK = '1';
  // --parcels N sizes the request-path city too (packets, map, embedded ratio) unless PACKET_PARCELS says otherwise.
  const parcels = args[args.indexOf('--parcels') + 1];
  if (args.includes('--parcels') && !process.env.PACKET_PARCELS) process.env.PACKET_PARCELS = parcels;
  const given = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--parcels'));
  const sized = args.includes('--quick') || args.includes('--parcels');
  const names = given.length ? given : Object.keys(BENCHES).filter((n) => n !== 'city' || sized);
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
  writeResults(names, rows);
}

/** bench/results/<benches>-<time>.json: the table with the machine and the commit it was measured on. */
function writeResults(names: string[], rows: string[][]): void {
  const dir = path.resolve(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: __dirname, encoding: 'utf8' }).trim();
  } catch { /* not a git checkout */ }
  const at = new Date().toISOString();
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  const [header, ...body] = rows;
  const file = path.join(dir, `${names.join('-')}${process.env.BENCH_QUICK === '1' ? '-quick' : ''}-${at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ at, commit, quick: process.env.BENCH_QUICK === '1', machine, columns: header, rows: body }, null, 2));
  console.error(`results written to ${path.relative(process.cwd(), file)}`);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
