/** The idle warm-up's scheduling (lsp/warm-up.ts), with timers the test advances by hand. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdleWarmUp, WARM_UP_COLLECT_EVERY, WARM_UP_DELAY_MS, WARM_UP_ENOUGH_CHARS, WARM_UP_SLICES, WarmUp, type IdleWarmUpHost, type WarmUpTimers } from '../../../server/src/lsp/warm-up';
import { WARM_UP_TEXT_COUNT, warmUpTexts } from '../../../server/src/core/warm-up/corpus';

/**
 * Timers run only when the test says so: `advance(ms)` is one turn of the event loop `ms` later — it fires, in order,
 * the timers due by then that were set before it; the ones they set wait for the next call.
 */
class FakeTimers implements WarmUpTimers {
  now = 0;
  private pending: { at: number; fn: () => void; id: number }[] = [];
  private next = 0;
  after(ms: number, fn: () => void): () => void {
    const id = this.next++;
    this.pending.push({ at: this.now + ms, fn, id });
    return () => (this.pending = this.pending.filter((p) => p.id !== id));
  }
  get waiting(): number {
    return this.pending.length;
  }
  advance(ms: number): void {
    this.now += ms;
    const due = this.pending.filter((p) => p.at <= this.now).sort((a, b) => a.at - b.at || a.id - b.id);
    this.pending = this.pending.filter((p) => p.at > this.now);
    for (const p of due) p.fn();
  }
  /** Turns of the event loop until no timer is due (at most `max`). */
  drain(max = 100): void {
    for (let i = 0; i < max && this.pending.some((p) => p.at <= this.now); i++) this.advance(0);
  }
}

function setup(slices = 5, delay = 100): { timers: FakeTimers; ran: number[]; done: () => number; w: WarmUp } {
  const timers = new FakeTimers();
  const ran: number[] = [];
  let doneCalls = 0;
  const w = new WarmUp((i) => void ran.push(i), timers, slices, delay, () => void doneCalls++);
  return { timers, ran, done: () => doneCalls, w };
}

describe('warm-up', () => {
  it('runs nothing before the idle delay, then every slice, one per timer turn, and says when it is done', () => {
    const { timers, ran, done, w } = setup(5, 100);
    w.start();
    timers.advance(99);
    assert.deepEqual(ran, []);
    timers.advance(1);
    assert.deepEqual(ran, [0]);
    // Each further slice waits for a timer of its own (the event loop turns between slices).
    assert.equal(timers.waiting, 1);
    timers.advance(0);
    assert.deepEqual(ran, [0, 1]);
    timers.drain();
    assert.deepEqual(ran, [0, 1, 2, 3, 4]);
    assert.equal(done(), 1);
    assert.equal(w.finished, true);
    assert.equal(timers.waiting, 0);
    w.start();
    timers.advance(1000);
    timers.drain();
    assert.deepEqual(ran, [0, 1, 2, 3, 4], 'a finished warm-up does not start again');
    assert.equal(done(), 1);
  });

  it('puts the next slice off by the idle delay after activity', () => {
    const { timers, ran, w } = setup(5, 100);
    w.start();
    timers.advance(100);
    assert.deepEqual(ran, [0]);
    w.postpone();
    timers.advance(99);
    assert.deepEqual(ran, [0]);
    w.postpone();
    timers.advance(99);
    assert.deepEqual(ran, [0], 'each activity restarts the wait');
    timers.advance(1);
    timers.drain();
    assert.deepEqual(ran, [0, 1, 2, 3, 4]);
  });

  it('stops for good, without saying it is done', () => {
    const { timers, ran, done, w } = setup(5, 100);
    w.start();
    timers.advance(100);
    assert.equal(w.stop(), true);
    assert.equal(w.stop(), false, 'already ended');
    w.postpone();
    w.start();
    timers.advance(1000);
    timers.drain();
    assert.deepEqual(ran, [0]);
    assert.equal(done(), 0);
    assert.equal(timers.waiting, 0);
  });

  it('postponing before the start does not start it', () => {
    const { timers, ran, w } = setup(5, 100);
    w.postpone();
    timers.advance(1000);
    timers.drain();
    assert.deepEqual(ran, []);
  });

  it('a callback that throws goes no further either (the server’s log on a closed connection)', () => {
    const timers = new FakeTimers();
    const w = new WarmUp(
      () => undefined,
      timers,
      2,
      10,
      () => {
        throw new Error('Connection is disposed');
      },
    );
    w.start();
    assert.doesNotThrow(() => {
      timers.advance(10);
      timers.drain();
    });
    assert.equal(w.finished, true);
    const failing = new WarmUp(
      () => {
        throw new Error('broken slice');
      },
      timers,
      2,
      10,
      undefined,
      () => {
        throw new Error('Connection is disposed');
      },
    );
    failing.start();
    assert.doesNotThrow(() => {
      timers.advance(10);
      timers.drain();
    });
  });

  it('ends at a slice that throws, and the error goes no further', () => {
    const timers = new FakeTimers();
    const ran: number[] = [];
    const w = new WarmUp(
      (i) => {
        ran.push(i);
        if (i === 1) throw new Error('broken slice');
      },
      timers,
      5,
      10,
    );
    w.start();
    assert.doesNotThrow(() => {
      timers.advance(100);
      timers.drain();
    });
    assert.deepEqual(ran, [0, 1]);
    assert.equal(timers.waiting, 0);
  });
});

describe('warm-up limit', () => {
  it('lowers the number of slices: the rest run while idle, and it ends when they have', () => {
    const { timers, ran, done, w } = setup(10, 100);
    w.start();
    timers.advance(100);
    assert.deepEqual(ran, [0]);
    assert.equal(w.limit(3), true);
    timers.drain();
    assert.deepEqual(ran, [0, 1, 2]);
    assert.equal(done(), 1);
    assert.equal(w.limit(2), false, 'already ended');
  });
  it('below the slices already run, it ends at once; at or above the number of slices, it changes nothing', () => {
    const a = setup(10, 100);
    a.w.start();
    a.timers.advance(100);
    a.timers.drain(2);
    assert.equal(a.w.limit(1), true);
    a.timers.drain();
    assert.deepEqual(a.ran, [0, 1, 2]);
    assert.equal(a.done(), 0, 'stopped, not finished');
    const b = setup(4, 100);
    assert.equal(b.w.limit(4), false);
    b.w.start();
    b.timers.advance(100);
    b.timers.drain();
    assert.deepEqual(b.ran, [0, 1, 2, 3]);
  });
});

describe('the language server’s idle warm-up', () => {
  function idle(): { timers: FakeTimers; logs: string[]; converted: { uri: string; findings: number; rules: Set<string> }[]; collections: () => number; w: IdleWarmUp } {
    const timers = new FakeTimers();
    const logs: string[] = [];
    const converted: { uri: string; findings: number; rules: Set<string> }[] = [];
    let collections = 0;
    const host: IdleWarmUpHost = {
      convert: (doc, analysis, findings) => void converted.push({ uri: doc.uri, findings: findings.length, rules: new Set(findings.map((f) => f.ruleId)) }),
      collectGarbage: () => void collections++,
      log: (m) => void logs.push(m),
      documentsOpen: () => false,
    };
    return { timers, logs, converted, collections: () => collections, w: new IdleWarmUp(host, timers) };
  }

  it('analyses and converts each built-in template in turn, collects now and then, and says when it is done', () => {
    const { timers, logs, converted, collections, w } = idle();
    w.start();
    timers.advance(WARM_UP_DELAY_MS);
    timers.drain(WARM_UP_SLICES + 1);
    assert.equal(converted.length, WARM_UP_SLICES);
    assert.deepEqual([...new Set(converted.map((c) => c.uri))].sort(), ['untitled:main.tf', 'untitled:warm-up.json', 'untitled:warm-up.yaml']);
    for (const c of converted.slice(0, 3)) assert.ok(c.findings > 0 && c.rules.size >= 15, `${c.uri}: ${c.findings} findings of ${c.rules.size} rules`);
    assert.equal(collections(), Math.floor(WARM_UP_SLICES / WARM_UP_COLLECT_EVERY));
    assert.equal(logs.length, 1);
    assert.match(logs[0], new RegExp(`^Warmed up while idle: ${WARM_UP_SLICES} analyses of built-in templates, \\d+ ms$`));
    // The last analyzer of each template stays (its objects keep the compiled code's hidden classes alive).
    assert.equal(w.keptAnalyzers, WARM_UP_TEXT_COUNT);
  });

  it('ends when a large document has been analysed, not for a small one or one without resources', () => {
    const { timers, logs, converted, w } = idle();
    w.start();
    timers.advance(WARM_UP_DELAY_MS);
    assert.equal(converted.length, 1);
    w.analysed(WARM_UP_ENOUGH_CHARS - 1, 100);
    w.analysed(WARM_UP_ENOUGH_CHARS, 0);
    timers.advance(0);
    assert.equal(converted.length, 2, 'still running');
    assert.deepEqual(logs, []);
    w.analysed(WARM_UP_ENOUGH_CHARS, 1);
    w.analysed(WARM_UP_ENOUGH_CHARS * 2, 10);
    timers.drain();
    // One slice of each template still runs (its analyzer is kept: the compiled code stays), then no more.
    assert.equal(converted.length, WARM_UP_TEXT_COUNT);
    assert.deepEqual([...new Set(converted.map((c) => c.uri))].length, WARM_UP_TEXT_COUNT);
    assert.equal(logs.length, 2);
    assert.equal(logs[0], `Warm-up ended by the analysis of a large document, after 2 of ${WARM_UP_SLICES} analyses of built-in templates (one of each template still runs while idle, to keep their compiled code)`);
    assert.match(logs[1], new RegExp(`^Warmed up while idle: ${WARM_UP_TEXT_COUNT} analyses of built-in templates, \\d+ ms$`));
  });

  it('a large document analysed after one slice of each template ends it at once', () => {
    const { timers, logs, converted, w } = idle();
    w.start();
    timers.advance(WARM_UP_DELAY_MS);
    timers.drain(WARM_UP_TEXT_COUNT - 1);
    assert.equal(converted.length, WARM_UP_TEXT_COUNT);
    w.analysed(WARM_UP_ENOUGH_CHARS, 1);
    timers.drain();
    assert.equal(converted.length, WARM_UP_TEXT_COUNT);
    assert.deepEqual(logs, [`Warm-up ended by the analysis of a large document, after ${WARM_UP_TEXT_COUNT} of ${WARM_UP_SLICES} analyses of built-in templates`]);
  });

  it('gives as many texts as WARM_UP_TEXT_COUNT says', () => {
    assert.equal(warmUpTexts().length, WARM_UP_TEXT_COUNT);
  });
});
