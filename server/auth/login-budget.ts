// Failed logins per client address across usernames (password spraying), in memory, per hub process: a fixed
// window per address; bad bearer tokens count too. The per-username limit of the login route stays beside it.

export const LOGIN_BUDGET_WINDOW_MS = 15 * 60_000;

export class FailureBudget {
  private windows = new Map<string, { start: number; count: number }>();

  /** `perWindow` failures per address in `windowMs`; 0 turns the budget off. */
  constructor(private readonly perWindow: number, private readonly windowMs = LOGIN_BUDGET_WINDOW_MS, private readonly now = () => Date.now()) {}

  /** Seconds until `address` may try again, or 0 while it is within its budget. */
  retryAfter(address: string): number {
    if (this.perWindow <= 0) return 0;
    const w = this.windows.get(address), t = this.now();
    if (!w || t - w.start >= this.windowMs || w.count < this.perWindow) return 0;
    return Math.max(1, Math.ceil((w.start + this.windowMs - t) / 1000));
  }

  /** Counts one failure of `address`. */
  record(address: string): void {
    if (this.perWindow <= 0) return;
    const t = this.now(), w = this.windows.get(address);
    if (!w || t - w.start >= this.windowMs) {
      this.windows.set(address, { start: t, count: 1 });
      if (this.windows.size > 100_000) for (const [key, old] of this.windows) if (t - old.start >= this.windowMs) this.windows.delete(key);
    } else w.count += 1;
  }
}
