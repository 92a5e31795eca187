// A zip that lies about its entry size: plots.shp declares `declaredBytes` but inflates to `realBytes` of zeros
// (about 1 KB compressed per MB), next to a small plots.dbf. Built by hand: fflate would write the true sizes.
import { Deflate } from 'fflate';

function deflatedZeros(realBytes: number): Uint8Array {
  const out: Uint8Array[] = [];
  const deflate = new Deflate({ level: 1 }, (chunk) => out.push(chunk));
  const mb = new Uint8Array(1024 * 1024);
  for (let left = realBytes; left > 0; left -= mb.length) deflate.push(left > mb.length ? mb : mb.subarray(0, left), left <= mb.length);
  return concat(out);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

/** A zip whose plots.shp says it expands to `declaredBytes` and expands to `realBytes`. CRCs are 0 (fflate does not check them). */
export function lyingZip(realBytes: number, declaredBytes = 1000): Uint8Array {
  const entries = [
    { name: 'plots.shp', data: deflatedZeros(realBytes), method: 8, declared: declaredBytes },
    { name: 'plots.dbf', data: new Uint8Array(10), method: 0, declared: 10 },
  ];
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, e.method, true);
    local.setUint32(18, e.data.length, true);
    local.setUint32(22, e.declared, true);
    local.setUint16(26, name.length, true);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint16(10, e.method, true);
    central.setUint32(20, e.data.length, true);
    central.setUint32(24, e.declared, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    locals.push(new Uint8Array(local.buffer), name, e.data);
    centrals.push(new Uint8Array(central.buffer), name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = concat(centrals);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, directory.length, true);
  end.setUint32(16, offset, true);
  return concat([...locals, directory, new Uint8Array(end.buffer)]);
}
