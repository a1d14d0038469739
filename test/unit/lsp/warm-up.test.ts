/** The idle warm-up's scheduling (lsp/warm-up.ts), with timers the test advances by hand. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WarmUp, type WarmUpTimers } from '../../../server/src/lsp/warm-up';

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
