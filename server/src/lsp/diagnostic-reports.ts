/**
 * Pull diagnostics (LSP 3.17 `textDocument/diagnostic`), for clients that ask for them (ours does): each analysis's
 * diagnostics are kept as the document's report instead of being pushed, a pull waits for the report of the document's
 * current version, and the client is told `unchanged` when that report is the one it already has (its
 * `previousResultId`). With push, every keystroke re-sends every diagnostic of the file (5,000 of them, 2.8 MB, on a
 * 10,000-resource template) although most keystrokes change none of them; here those keystrokes send a few bytes.
 */
import type { Diagnostic } from 'vscode-languageserver';

export interface DiagnosticReport {
  /** The document version the diagnostics are of. */
  readonly version: number;
  /** Changes whenever the diagnostics do (the same id: the same diagnostics). */
  readonly resultId: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** What a cancellation token offers (vscode-jsonrpc's CancellationToken). */
export interface Cancellable {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(f: () => void): { dispose(): void };
}

/**
 * Whether two lists hold the same diagnostics. The server hands back the same Diagnostic objects for the findings an
 * edit did not change (server.ts, DiagnosticCache), so most are compared by identity; the others by their JSON.
 */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}

export class DiagnosticReports {
  private readonly reports = new Map<string, DiagnosticReport>();
  private readonly waiting = new Map<string, Set<() => void>>();
  private lastId = 0;

  /**
   * Keeps `diagnostics` as the report of `uri` at `version`. `changed`: they differ from the last report (a client
   * that has not pulled since needs telling: `workspace/diagnostic/refresh`); `awaited`: a pull was waiting for them.
   */
  publish(uri: string, version: number, diagnostics: readonly Diagnostic[]): { changed: boolean; awaited: boolean } {
    const last = this.reports.get(uri);
    const changed = !last || !sameDiagnostics(last.diagnostics, diagnostics);
    this.reports.set(uri, { version, resultId: changed || !last ? String(++this.lastId) : last.resultId, diagnostics });
    const awaited = this.wake(uri);
    return { changed, awaited };
  }

  current(uri: string): DiagnosticReport | undefined {
    return this.reports.get(uri);
  }

  /** Resolves at the next publication for `uri`, when it is forgotten, or when `token` is cancelled. */
  published(uri: string, token?: Cancellable): Promise<void> {
    return new Promise<void>((resolve) => {
      let set = this.waiting.get(uri);
      if (!set) this.waiting.set(uri, (set = new Set()));
      let sub: { dispose(): void } | undefined;
      const done = (): void => {
        sub?.dispose();
        this.waiting.get(uri)?.delete(done);
        resolve();
      };
      set.add(done);
      if (token?.isCancellationRequested) done();
      else sub = token?.onCancellationRequested(done);
    });
  }

  /** A closed document: its report is dropped and the pulls waiting for it are answered. */
  forget(uri: string): void {
    this.reports.delete(uri);
    this.wake(uri);
  }

  private wake(uri: string): boolean {
    const set = this.waiting.get(uri);
    if (!set || set.size === 0) return false;
    this.waiting.delete(uri);
    for (const f of set) f();
    return true;
  }
}
