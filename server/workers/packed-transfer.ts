// Large results cross from a parse worker to the main thread in pieces, so the main thread can take them in a
// little at a time: one structured clone of 200 000 界址点 would hold the event loop for a quarter of a second.
import v8 from 'node:v8';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/** Arrays under these keys (plots of a delivery, 界址点 of a ring, findings of a report) are cut into pieces when heavy. */
const PIECED_KEYS = new Set(['plots', 'points', 'findings']);
/** Array elements (nested ones counted) per piece: a piece deserialises in a few milliseconds. */
const PIECE_WEIGHT = 4_000;
/** The main thread yields to other requests after this long of unpacking. */
const SLICE_MS = 8;

type Path = (string | number)[];

/** A value made transferable: its skeleton and its long arrays' pieces, all in one ArrayBuffer (transferred, not copied). */
export interface Packed {
  buffer: ArrayBuffer;
  /** [start, end) of the skeleton in `buffer`. */
  skeleton: [number, number];
  /** Where each long array was taken out, and the [start, end) of its pieces in `buffer`. */
  arrays: { path: Path; pieces: [number, number][] }[];
}

/** Array elements in `node`, nested ones included: what deserialising it costs, roughly. */
function weight(node: unknown): number {
  if (node === null || typeof node !== 'object') return 0;
  let n = Array.isArray(node) ? node.length : 0;
  for (const child of Object.values(node)) if (child !== null && typeof child === 'object') n += weight(child);
  return n;
}

/**
 * Packs `value` (plain data, no object reachable twice through a pieced array) in the worker. Heavy arrays are taken
 * out of `value` (it is not used afterwards), inner ones first: a plot's long rings become pieces of their own before
 * the plots are grouped into pieces of about PIECE_WEIGHT elements.
 */
export function pack(value: unknown): Packed {
  const chunks: Buffer[] = [];
  const arrays: Packed['arrays'] = [];
  let offset = 0;
  const add = (items: unknown[]): [number, number] => {
    const bytes = v8.serialize(items);
    chunks.push(bytes);
    offset += bytes.length;
    return [offset - bytes.length, offset];
  };
  const visit = (node: unknown, path: Path): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      const childPath = [...path, Array.isArray(node) ? Number(key) : key];
      if (!(PIECED_KEYS.has(key) && Array.isArray(child) && weight(child) > PIECE_WEIGHT)) {
        visit(child, childPath);
        continue;
      }
      child.forEach((item, i) => visit(item, [...childPath, i]));
      const pieces: [number, number][] = [];
      let group: unknown[] = [], groupWeight = 0;
      for (const item of child) {
        const w = weight(item) + 1;
        if (group.length && groupWeight + w > PIECE_WEIGHT) {
          pieces.push(add(group));
          group = [];
          groupWeight = 0;
        }
        group.push(item);
        groupWeight += w;
      }
      if (group.length) pieces.push(add(group));
      arrays.push({ path: childPath, pieces });
      (node as Record<string, unknown>)[key] = [];
    }
  };
  visit(value, []);
  const skeletonBytes = v8.serialize(value);
  chunks.push(skeletonBytes);
  const skeleton: [number, number] = [offset, offset + skeletonBytes.length];
  offset += skeletonBytes.length;
  const buffer = new ArrayBuffer(offset);
  const whole = new Uint8Array(buffer);
  let at = 0;
  for (const c of chunks) {
    whole.set(c, at);
    at += c.length;
  }
  return { buffer, skeleton, arrays };
}

/** Unpacks on the main thread, yielding to the event loop between pieces so that other requests keep being answered. */
export async function unpack<T>(packed: Packed): Promise<T> {
  const bytes = (range: [number, number]) => Buffer.from(packed.buffer, range[0], range[1] - range[0]);
  const value = v8.deserialize(bytes(packed.skeleton)) as T;
  let sliceStart = performance.now();
  // Outer arrays were taken out last: put them back first, so that the paths of inner ones lead through them.
  for (const { path, pieces } of [...packed.arrays].reverse()) {
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], value);
    const items: unknown[] = [];
    for (const piece of pieces) {
      for (const item of v8.deserialize(bytes(piece)) as unknown[]) items.push(item);
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToLoop();
        sliceStart = performance.now();
      }
    }
    parent[path[path.length - 1]] = items;
  }
  return value;
}
