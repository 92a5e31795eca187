// The hub's tile cache: encoded tiles by key, least recently used first out, bounded by the bytes it holds.
// An entry is only ever served under the ETag it was encoded for, so a changed tile is never served stale.

export interface CachedTile {
  etag: string;
  bytes: Buffer;
}

export class TileCache {
  private readonly entries = new Map<string, CachedTile>();
  private held = 0;

  /** `maxBytes`: the most encoded tile bytes held at once. */
  constructor(readonly maxBytes: number) {}

  /** The tile cached under `key` if it was encoded for `etag`. */
  get(key: string, etag: string): Buffer | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.etag !== etag) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry); // most recently used last
    return entry.bytes;
  }

  set(key: string, entry: CachedTile): void {
    const old = this.entries.get(key);
    if (old) {
      this.held -= old.bytes.length;
      this.entries.delete(key);
    }
    if (entry.bytes.length > this.maxBytes) return;
    this.entries.set(key, entry);
    this.held += entry.bytes.length;
    for (const [k, e] of this.entries) {
      if (this.held <= this.maxBytes) break;
      this.entries.delete(k);
      this.held -= e.bytes.length;
    }
  }

  get size(): { tiles: number; bytes: number } {
    return { tiles: this.entries.size, bytes: this.held };
  }
}
