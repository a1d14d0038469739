/**
 * UTF-8 and Base64 without Node's `Buffer`: the core also runs in a web worker (the web extension), which has no
 * `Buffer`. `TextEncoder` and `btoa`/`atob` exist in both; results are byte for byte Node's (`Buffer.from(s, 'utf8')`
 * also turns a lone surrogate into U+FFFD).
 */

/** The UTF-8 bytes of a string. */
export function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Base64 of bytes (standard alphabet, padded). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** Base64 of a string's UTF-8 bytes (CloudFormation `Fn::Base64`, Terraform `base64encode`). */
export function base64EncodeUtf8(s: string): string {
  return bytesToBase64(utf8Bytes(s));
}

/** The bytes of a valid, padded Base64 text (the caller checks its shape first). */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
