/**
 * A finding's identity across edits: the rule, the file (relative to the repository), the resource and the property at
 * fault — not the line, so a finding keeps its identity when lines are added above it, and not the message, so a
 * reworded message (or one naming another owner) does not resurface it. Equal keys in one file are numbered in order
 * (two findings on two items of one list stay two).
 */
import type { JsonFile, JsonFinding } from './report';

/**
 * A 64-bit hash as 16 hex digits: FNV-1a and a multiply-xorshift hash (two 32-bit lanes) over the UTF-16 code units.
 * Hand-written: there is no crypto API everywhere the core runs, and nothing secret is hashed.
 */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** v2: the message is no longer part of the key (v1 fingerprints of earlier reports do not match v2 ones). */
export const FINGERPRINT_KEY = 'awsResponsibility/v2';

/** The fingerprints of a file's findings, in order; `path` is the file's path relative to the repository, with `/`. */
export function fingerprints(path: string, findings: readonly JsonFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = [f.ruleId, path, f.resource, f.property ?? ''].join('\u0000');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return hash64(`${key}\u0000${n}`);
  });
}

/** Every fingerprint of a report's files. */
export function reportFingerprints(files: readonly JsonFile[], relativePath: (p: string) => string): Set<string> {
  const out = new Set<string>();
  for (const f of files) for (const fp of fingerprints(relativePath(f.path), f.findings)) out.add(fp);
  return out;
}
