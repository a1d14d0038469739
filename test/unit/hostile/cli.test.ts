/** The CLI in a hostile folder: FIFOs, devices, unreadable folders, escape sequences in names — clear errors, no hang. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { run } from '../../../server/src/cli/main';

/** A hang bound, not a speed assertion: each case takes milliseconds; a regression would take minutes or forever. */
const HANG_MS = 5000;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  let out = '';
  let err = '';
  const t0 = performance.now();
  const code = await run(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err, ms: performance.now() - t0 };
}

const BUCKET = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-hostile-'));
after(() => {
  try {
    fs.chmodSync(path.join(tmp, 'locked', 'inner'), 0o755);
  } catch {
    // not created
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('CLI on hostile folders', { skip: process.platform === 'win32' ? 'POSIX FIFOs and modes' : false }, () => {
  it('a FIFO named *.yaml inside a scanned folder is not opened; the other templates are scanned', async () => {
    const dir = path.join(tmp, 'fifo');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.yaml'), BUCKET);
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    const r = (await cli('scan', '--format', 'json', dir));
    assert.ok(r.ms < HANG_MS, `took ${r.ms} ms`);
    assert.equal(JSON.parse(r.out).files.length, 1);
    // The bucket's notes are Information: below the default --fail-on warning.
    assert.equal(r.code, 0);
  });

  it('an explicit FIFO, /dev/null or /dev/zero is an error (exit 2), not a silent success', async () => {
    const fifo = path.join(tmp, 'explicit.yaml');
    execFileSync('mkfifo', [fifo]);
    for (const p of [fifo, '/dev/null', '/dev/zero']) {
      const r = (await cli('scan', p));
      assert.ok(r.ms < HANG_MS, `${p} took ${r.ms} ms`);
      assert.equal(r.code, 2, `${p}: ${r.err}`);
      assert.match(r.err, /not a regular file/);
    }
  });

  it('an unreadable subfolder is named and skipped; the rest of the walk goes on', async (t) => {
    if (process.getuid?.() === 0) {
      // root reads any folder: make it unreadable by removing it from under the walk instead (a dangling entry).
      t.diagnostic('running as root: chmod does not stop root; the folder is a link to nowhere instead');
    }
    const dir = path.join(tmp, 'locked');
    fs.mkdirSync(path.join(dir, 'inner'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'ok'));
    fs.writeFileSync(path.join(dir, 'ok', 'a.yaml'), BUCKET);
    fs.writeFileSync(path.join(dir, 'inner', 'b.yaml'), BUCKET);
    fs.chmodSync(path.join(dir, 'inner'), 0o000);
    const r = (await cli('scan', '--format', 'json', dir));
    const files = JSON.parse(r.out).files.map((f: { path: string }) => path.relative(dir, f.path));
    assert.ok(files.includes(path.join('ok', 'a.yaml')), files.join(', '));
    if (process.getuid?.() !== 0) {
      assert.equal(r.code, 2);
      assert.match(r.err, new RegExp(`cannot read folder ${path.join(dir, 'inner').replace(/[/\\\\]/g, '.')}: EACCES`));
    }
  });

  it('escape sequences and bidirectional controls in file names do not reach the terminal', async () => {
    const dir = path.join(tmp, 'names');
    fs.mkdirSync(dir);
    const evil = 'x\u001b[31mred\u202eevil.yaml';
    fs.writeFileSync(path.join(dir, evil), `Resources:\n  "B\u202eX":\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      Encrypted: false\n`);
    const r = (await cli('scan', dir));
    assert.equal(r.code, 1);
    assert.ok(!/[\u001b\u202e]/.test(r.out + r.err), JSON.stringify(r.out.slice(0, 300)));
    const missing = (await cli('scan', path.join(dir, 'no\u001b[2Jsuch.yaml')));
    assert.equal(missing.code, 2);
    assert.ok(!/\u001b/.test(missing.err));
  });
});
