// The embedded engine is ONE PostgreSQL session behind a socket that queues every client's statements; while one
// client holds a transaction open, the others' statements wait for it (pglite-socket keeps them out of a foreign
// transaction). An attached client (psql, QGIS) idling in an open transaction would therefore stall the hub. This
// guard ends such a client — its transaction rolled back, its connection closed — once it has sent nothing for
// `timeoutMs` while others wait: the embedded engine's idle_in_transaction_session_timeout.
// A single long statement cannot be cut short this way (PGlite runs it on the hub's thread): see README.

/** What the guard needs of pglite-socket's server (its handlers and queue are not typed as public). */
interface SocketServerInternals {
  handlers: Set<{ handlerId: number; lastActivityTime: number; socket: { remotePort?: number } | null; detach(close: boolean): Promise<unknown> }>;
  queryQueue: { queue: { handlerId: number }[]; lastHandlerId: number | null };
}

/**
 * Local ports of the hub's own connections to the engine it runs (same process): the guard never ends those — a hub
 * transaction may pause between statements while the hub computes (a 10 000-plot import), and it must stay whole.
 */
const ownPorts = new Set<number>();

/** Marks (or unmarks, when closed) a connection of this process's hub by its local port. */
export function markOwnConnection(localPort: number | undefined, open: boolean): void {
  if (localPort === undefined) return;
  if (open) ownPorts.add(localPort);
  else ownPorts.delete(localPort);
}

/** Checks every `timeoutMs / 4` ms; returns the function that stops the guard. */
export function guardIdleTransactions(
  db: { isInTransaction(): boolean }, server: unknown, timeoutMs: number, log: (line: string) => void,
): () => void {
  const internals = server as SocketServerInternals;
  const timer = setInterval(() => {
    const { queue, lastHandlerId } = internals.queryQueue;
    if (!db.isInTransaction() || lastHandlerId === null || !queue.some((q) => q.handlerId !== lastHandlerId)) return;
    const holder = [...internals.handlers].find((h) => h.handlerId === lastHandlerId);
    if (!holder || Date.now() - holder.lastActivityTime < timeoutMs) return;
    if (holder.socket?.remotePort !== undefined && ownPorts.has(holder.socket.remotePort)) return;
    log(`an attached client idled ${Math.round((Date.now() - holder.lastActivityTime) / 1000)} s in an open transaction while others waited: its transaction is rolled back and its connection closed`);
    void holder.detach(true);
  }, Math.max(50, Math.floor(timeoutMs / 4)));
  timer.unref();
  return () => clearInterval(timer);
}
