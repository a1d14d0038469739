/**
 * Checks re-run on every message from a server, for the benchmarks' LSP clients (server-case.ts, monorepo-case.ts).
 * No timeout: they measure figures, they do not test.
 */
export class Waiters {
  private waiting: (() => void)[] = [];

  constructor(private readonly exited: () => string | undefined) {}

  /** Something arrived (or the server exited): every pending check runs again. */
  notify(): void {
    const w = this.waiting;
    this.waiting = [];
    for (const f of w) f();
  }

  /** Resolves when `check` returns a value; rejects when the server has exited (with `exited()`'s text). */
  waitFor<T>(check: () => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = (): void => {
        const v = check();
        if (v !== undefined) resolve(v);
        else {
          const gone = this.exited();
          if (gone !== undefined) reject(new Error(gone));
          else this.waiting.push(attempt);
        }
      };
      attempt();
    });
  }
}
