// Draws the extension's icon, images/icon.png (128x128 RGBA PNG), with no dependency: a shield split in two halves —
// AWS's part (orange) and yours (white) — on a dark rounded square. `node scripts/gen-icon.mjs` rewrites it.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4; // supersamples per axis (anti-aliasing)
const BG = [0x23, 0x2f, 0x3e];
const AWS = [0xff, 0x99, 0x00];
const YOU = [0xf4, 0xf6, 0xf8];
const LINE = [0x23, 0x2f, 0x3e];

/** Inside a rounded square of the whole icon. */
function inBackground(x, y) {
  const r = 22;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Inside the shield: a flat top with rounded corners, straight sides, then two arcs meeting at the bottom point. */
function inShield(x, y) {
  const top = 22, left = 30, right = 98, mid = 64, bottom = 110, waist = 62;
  if (y < top || y > bottom || x < left || x > right) return false;
  const r = 8;
  if (y < top + r && (x < left + r || x > right - r)) {
    const cx = x < left + r ? left + r : right - r;
    return (x - cx) ** 2 + (y - (top + r)) ** 2 <= r * r;
  }
  if (y <= waist) return true;
  // Below the waist the half-width narrows along a curve to 0 at the bottom point.
  const t = (y - waist) / (bottom - waist);
  const half = (right - left) / 2 * Math.sqrt(Math.max(0, 1 - t * t));
  return Math.abs(x - mid) <= half;
}

function colorAt(x, y) {
  if (!inBackground(x, y)) return null;
  if (inShield(x, y)) {
    if (Math.abs(x - 64) < 2.5) return LINE; // the line between the two parties
    return x < 64 ? AWS : YOU;
  }
  return BG;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = colorAt(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (!c) continue;
        r += c[0]; g += c[1]; b += c[2]; a++;
      }
    }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    raw[o] = a ? Math.round(r / a) : 0;
    raw[o + 1] = a ? Math.round(g / a) : 0;
    raw[o + 2] = a ? Math.round(b / a) : 0;
    raw[o + 3] = Math.round((a / (SS * SS)) * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
process.stdout.write(`wrote images/icon.png (${png.length} bytes)\n`);
