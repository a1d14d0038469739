/**
 * Links each of our diagnostics' rule codes to the rule's AWS documentation on the client side. The server sends the
 * table once (`experimental.ruleDocs` of its initialize result, for a client that asked with `ruleLinks`) instead of
 * the link with every diagnostic of every report — 21% of the bytes of a report, which a large file's open and every
 * changed report carried again. No `vscode` import here (tests run it with plain objects): the caller turns a URL into
 * the editor's URI type.
 */

/** Our diagnostics' `source` (server.ts `SOURCE`). */
const SOURCE = 'aws-responsibility';

/** The part of a diagnostic this reads and writes: VS Code's `Diagnostic` has it. */
export interface LinkableDiagnostic<T> {
  source?: string;
  code?: string | number | { value: string | number; target: T };
}

export class RuleLinks<T> {
  private readonly targets = new Map<string, T | null>();

  constructor(
    /** The server's table (rule id → documentation URL), once it has started; undefined before or from another server. */
    private readonly table: () => unknown,
    private readonly toTarget: (url: string) => T,
  ) {}

  /** Gives each of our diagnostics whose code is a rule id of the table a link to that rule's documentation. */
  link(diagnostics: readonly LinkableDiagnostic<T>[]): void {
    for (const d of diagnostics) {
      if (d.source !== SOURCE || typeof d.code !== 'string') continue;
      const target = this.targetOf(d.code);
      if (target !== undefined) d.code = { value: d.code, target };
    }
  }

  private targetOf(ruleId: string): T | undefined {
    let t = this.targets.get(ruleId);
    if (t === undefined) {
      const table = this.table();
      const url = table && typeof table === 'object' && Object.prototype.hasOwnProperty.call(table, ruleId) ? (table as Record<string, unknown>)[ruleId] : undefined;
      // Only AWS documentation pages (the table is the server's, but a link opens a browser).
      t = typeof url === 'string' && /^https:\/\/docs\.aws\.amazon\.com\//.test(url) ? this.toTarget(url) : null;
      if (table !== undefined) this.targets.set(ruleId, t);
    }
    return t ?? undefined;
  }
}
