// Large results cross from a parse worker to the main thread in pieces, so the main thread can take them in a
// little at a time: one structured clone of 200 000 界址点 would hold the event loop for a quarter of a second.
import v8 from 'node:v8';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/** Arrays under these keys (界址点 of a ring, findings of a report) are cut into pieces when long. */
const PIECED_KEYS = new Set(['points', 'findings']);
/** Items per piece: a piece deserialises in a few milliseconds. */
const PIECE_ITEMS = 4_000;
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

/** Packs `value` (plain data) in the worker; the long arrays are taken out of `value` (it is not used afterwards). */
export function pack(value: unknown): Packed {
  const chunks: Buffer[] = [];
  const arrays: Packed['arrays'] = [];
  let offset = 0;
  const add = (bytes: Buffer): [number, number] => {
    chunks.push(bytes);
    offset += bytes.length;
    return [offset - bytes.length, offset];
  };
  const seen = new Set<object>();
  const visit = (node: unknown, path: Path): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    for (const [key, child] of Object.entries(node)) {
      if (PIECED_KEYS.has(key) && Array.isArray(child) && child.length > PIECE_ITEMS) {
        const pieces: [number, number][] = [];
        for (let i = 0; i < child.length; i += PIECE_ITEMS) pieces.push(add(v8.serialize(child.slice(i, i + PIECE_ITEMS))));
        arrays.push({ path: [...path, key], pieces });
        (node as Record<string, unknown>)[key] = [];
      } else {
        visit(child, [...path, Array.isArray(node) ? Number(key) : key]);
      }
    }
  };
  visit(value, []);
  const skeleton = add(v8.serialize(value));
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
  for (const { path, pieces } of packed.arrays) {
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
