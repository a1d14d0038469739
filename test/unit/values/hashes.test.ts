// The core's own digests and Base64 (no Node `crypto` / `Buffer`: the core runs in a web worker too) agree with Node's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { digest, toHex, type HashAlgorithm } from '../../../server/src/core/values/hashes';
import { base64EncodeUtf8, base64ToBytes, bytesToBase64, utf8Bytes } from '../../../server/src/core/values/base64';

function samples(): string[] {
  const out = ['', 'a', 'abc', 'The quick brown fox jumps over the lazy dog', 'é€😀', '\ud800 lone surrogate'];
  // Every length around the padding boundaries of 64- and 128-byte blocks.
  for (let n = 50; n <= 260; n++) out.push('x'.repeat(n));
  let seed = 7;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let k = 0; k < 60; k++) {
    const len = Math.floor(rnd() * 700);
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCodePoint(rnd() < 0.8 ? 32 + Math.floor(rnd() * 95) : Math.floor(rnd() * 0x2ffff));
    out.push(s);
  }
  return out;
}

describe('core digests and Base64 without Node', () => {
  for (const algo of ['md5', 'sha1', 'sha256', 'sha512'] as HashAlgorithm[]) {
    it(`${algo} equals node:crypto on ${samples().length} strings`, () => {
      for (const s of samples()) assert.equal(toHex(digest(algo, utf8Bytes(s))), createHash(algo).update(s, 'utf8').digest('hex'), `${algo} of ${JSON.stringify(s.slice(0, 40))}`);
    });
  }
  it('UTF-8 and Base64 equal Buffer', () => {
    for (const s of samples()) {
      assert.deepEqual(Buffer.from(utf8Bytes(s)), Buffer.from(s, 'utf8'));
      assert.equal(base64EncodeUtf8(s), Buffer.from(s, 'utf8').toString('base64'));
      const b64 = Buffer.from(s, 'utf8').toString('base64');
      assert.deepEqual(Buffer.from(base64ToBytes(b64)), Buffer.from(b64, 'base64'));
    }
    const big = new Uint8Array(100_000).map((_, i) => (i * 31) & 255);
    assert.equal(bytesToBase64(big), Buffer.from(big).toString('base64'));
  });
});
