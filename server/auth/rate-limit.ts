// Requests per client per minute: a fixed window per key (account, else address), in memory, per hub process.

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  /** `perMinute` 0 turns the limit off. */
  constructor(private readonly perMinute: number, private readonly now = () => Date.now()) {}

  /** Counts a request; returns the seconds to wait when the key is over its limit, else 0. */
  take(key: string): number {
    if (this.perMinute <= 0) return 0;
    const t = this.now();
    const w = this.windows.get(key);
    if (!w || t - w.start >= 60_000) {
      this.windows.set(key, { start: t, count: 1 });
      if (this.windows.size > 100_000) this.prune(t);
      return 0;
    }
    w.count += 1;
    return w.count > this.perMinute ? Math.ceil((w.start + 60_000 - t) / 1000) : 0;
  }

  /** The seconds to wait when the key has used its window up (without counting this look), else 0. */
  waitFor(key: string): number {
    if (this.perMinute <= 0) return 0;
    const t = this.now();
    const w = this.windows.get(key);
    return w && t - w.start < 60_000 && w.count >= this.perMinute ? Math.ceil((w.start + 60_000 - t) / 1000) : 0;
  }

  private prune(t: number): void {
    for (const [key, w] of this.windows) if (t - w.start >= 60_000) this.windows.delete(key);
  }
}
