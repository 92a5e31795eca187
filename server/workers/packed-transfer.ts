// Large results cross from a parse worker to the main thread in pieces, so the main thread can take them in a
// little at a time: one structured clone of 200 000 界址点 would hold the event loop for a quarter of a second.
import v8 from 'node:v8';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/** Arrays under these keys (plots of a delivery, 界址点 of a ring, findings of a report) are cut into pieces when heavy. */
const PIECED_KEYS = new Set(['plots', 'points', 'findings']);
/** Array elements (nested ones counted) per piece: a piece deserialises in a few milliseconds. */
const PIECE_WEIGHT = 4_000;
/** 界址点 arrays at least this long are always taken out of their ring, so that unpack can leave them packed (`defer`). */
const POINTS_TAKEN_OUT = 64;
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
    // Bytes (a typed array) travel as they are: never walked element by element.
    if (node === null || typeof node !== 'object' || ArrayBuffer.isView(node)) return;
    for (const [key, child] of Object.entries(node)) {
      const childPath = [...path, Array.isArray(node) ? Number(key) : key];
      const taken = PIECED_KEYS.has(key) && Array.isArray(child) && (weight(child) > PIECE_WEIGHT || (key === 'points' && child.length >= POINTS_TAKEN_OUT));
      if (!taken) {
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

/** What unpack gives: the value, and (with `defer`) how to put the deferred arrays back in slices. */
export interface Unpacked<T> {
  value: T;
  /** Restores every deferred array still packed, yielding between pieces. */
  complete(): Promise<void>;
}

/**
 * Unpacks on the main thread, yielding to the event loop between pieces so that other requests keep being answered.
 * `defer`: arrays under this key (e.g. 'points') stay packed behind a getter that unpacks them on first use — the
 * main thread then never holds (nor garbage-collects) the 界址点 of a file it only reports on; `complete` unpacks
 * the rest before work that reads them all.
 */
export async function unpack<T>(packed: Packed, options: { defer?: string } = {}): Promise<Unpacked<T>> {
  const bytes = (range: [number, number]) => Buffer.from(packed.buffer, range[0], range[1] - range[0]);
  const value = v8.deserialize(bytes(packed.skeleton)) as T;
  const pending: (() => Promise<void>)[] = [];
  let sliceStart = performance.now();
  const breathe = async () => {
    if (performance.now() - sliceStart <= SLICE_MS) return;
    await yieldToLoop();
    sliceStart = performance.now();
  };
  // Outer arrays were taken out last: put them back first, so that the paths of inner ones lead through them.
  for (const { path, pieces } of [...packed.arrays].reverse()) {
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], value);
    const key = path[path.length - 1];
    const place = (items: unknown[]) => Object.defineProperty(parent, key, { value: items, writable: true, enumerable: true, configurable: true });
    if (key !== options.defer) {
      const items: unknown[] = [];
      for (const piece of pieces) {
        for (const item of v8.deserialize(bytes(piece)) as unknown[]) items.push(item);
        await breathe();
      }
      parent[key] = items;
      continue;
    }
    let placed = false;
    Object.defineProperty(parent, key, {
      enumerable: true,
      configurable: true,
      get() {
        placed = true;
        const items: unknown[] = [];
        for (const piece of pieces) for (const item of v8.deserialize(bytes(piece)) as unknown[]) items.push(item);
        place(items);
        return items;
      },
      set(items: unknown[]) {
        placed = true;
        place(items);
      },
    });
    pending.push(async () => {
      const items: unknown[] = [];
      for (const piece of pieces) {
        if (placed) return;
        for (const item of v8.deserialize(bytes(piece)) as unknown[]) items.push(item);
        await breathe();
      }
      if (!placed) place(items);
      placed = true;
    });
  }
  return {
    value,
    async complete() {
      for (const restore of pending.splice(0)) await restore();
    },
  };
}
