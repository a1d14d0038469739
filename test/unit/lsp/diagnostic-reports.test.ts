/** Pulled diagnostics' reports (lsp/diagnostic-reports.ts): result ids change exactly when the diagnostics do. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticReports, sameDiagnostics, type Cancellable } from '../../../server/src/lsp/diagnostic-reports';

const diag = (line: number, message = 'm'): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 3 } }, message });

function token(): Cancellable & { cancel(): void } {
  const listeners = new Set<() => void>();
  let cancelled = false;
  return {
    get isCancellationRequested() {
      return cancelled;
    },
    onCancellationRequested(f) {
      listeners.add(f);
      return { dispose: () => listeners.delete(f) };
    },
    cancel() {
      cancelled = true;
      for (const f of listeners) f();
    },
  };
}

describe('diagnostic reports', () => {
  it('the same diagnostics (the same objects, or equal ones) keep the result id; any difference gives a new one', () => {
    const r = new DiagnosticReports();
    const a = diag(1);
    const b = diag(2);
    assert.deepEqual(r.publish('u', 1, [a, b]), { changed: true, awaited: false });
    const first = r.current('u')?.resultId;
    assert.deepEqual(r.publish('u', 2, [a, b]), { changed: false, awaited: false });
    assert.equal(r.current('u')?.resultId, first);
    assert.equal(r.current('u')?.version, 2);
    r.publish('u', 3, [a, diag(2)]);
    assert.equal(r.current('u')?.resultId, first, 'an equal diagnostic in a new object');
    for (const next of [[a], [a, diag(3)], [a, diag(2, 'other')], [b, a], []]) {
      const before = r.current('u')?.resultId;
      assert.equal(r.publish('u', 4, next).changed, true, JSON.stringify(next));
      assert.notEqual(r.current('u')?.resultId, before);
    }
    // Another document's ids never collide with this one's.
    r.publish('v', 1, []);
    assert.notEqual(r.current('v')?.resultId, r.current('u')?.resultId);
  });

  it('a pull waiting for a publication is woken by it (and says so), by a cancellation, or when the document closes', async () => {
    const r = new DiagnosticReports();
    let woken = false;
    const waiting = r.published('u').then(() => (woken = true));
    assert.equal(r.publish('other', 1, []).awaited, false);
    await Promise.resolve();
    assert.equal(woken, false);
    assert.equal(r.publish('u', 1, [diag(0)]).awaited, true);
    await waiting;
    assert.equal(woken, true);
    assert.equal(r.publish('u', 2, []).awaited, false, 'nobody waits any more');

    const t = token();
    const cancelled = r.published('u', t);
    t.cancel();
    await cancelled;
    assert.equal(r.publish('u', 3, [diag(1)]).awaited, false, 'the cancelled pull no longer waits');

    const closed = r.published('u');
    r.forget('u');
    await closed;
    assert.equal(r.current('u'), undefined);

    const already = token();
    already.cancel();
    await r.published('u', already);
  });

  it('sameDiagnostics compares lengths and contents', () => {
    assert.equal(sameDiagnostics([], []), true);
    assert.equal(sameDiagnostics([diag(1)], [diag(1)]), true);
    assert.equal(sameDiagnostics([diag(1)], [diag(1), diag(1)]), false);
    assert.equal(sameDiagnostics([diag(1)], [{ ...diag(1), severity: 1 }]), false);
  });
});
