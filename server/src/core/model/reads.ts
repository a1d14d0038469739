/**
 * What the rules of one resource read of the rest of its document beyond its links: the resources of a type (a flow
 * log whose VPC the file does not decide may be this VPC's), one resource by address, or one property of every
 * resource of a type (who logs to which bucket). The incremental analyzer (analyze.ts) reuses a resource's result only
 * while each such read has the same signature (read-signature.ts); without this, adding a flow log whose VPC is not
 * decided left the VPC's "no flow log" gap standing until the VPC itself was edited, where a fresh analysis said
 * unknown.
 *
 * Rules read through model/resource-index.ts, which notes each read; a helper that caches what it derived from other
 * resources notes its reads on every call, cached or not. Recording is on only while the incremental analyzer computes
 * one resource: analysis is synchronous, so one module-level set is enough.
 */

let recording: Set<string> | undefined;
const NONE: readonly string[] = Object.freeze([]);

/** Runs `fn` and returns what it read (as keys: typeRead, blockRead, propertyRead). */
export function recordReads<T>(fn: () => T): { value: T; reads: readonly string[] } {
  const outer = recording;
  const set = new Set<string>();
  recording = set;
  try {
    const value = fn();
    return { value, reads: set.size === 0 ? NONE : [...set] };
  } finally {
    recording = outer;
    if (outer) for (const k of set) outer.add(k);
  }
}

/** Whether a computation's reads are being recorded. */
export function isRecording(): boolean {
  return recording !== undefined;
}

/** Notes a read of the current computation (nothing when none is recorded). */
export function noteRead(key: string): void {
  if (recording !== undefined) recording.add(key);
}

/** noteRead of a typeRead / blockRead / existsRead, the key made only while recording (these are on hot paths). */
export function noteTypeRead(type: string): void {
  if (recording !== undefined) recording.add(typeRead(type));
}
export function noteBlockRead(block: string): void {
  if (recording !== undefined) recording.add(blockRead(block));
}
export function noteExistsRead(id: string): void {
  if (recording !== undefined) recording.add(existsRead(id));
}

/** Every resource of a type (which ones, each as its definition). */
export const typeRead = (type: string): string => `t\u0000${type}`;
/** The resource at a block address (or the absence of one). */
export const blockRead = (block: string): string => `b\u0000${block}`;
/** Whether a resource with this id exists (a CloudFormation `Ref` names a resource or not). */
export const existsRead = (id: string): string => `e\u0000${id}`;
/** One property (path below the properties) of every resource of a type, by its shape. */
export const propertyRead = (type: string, path: readonly string[]): string => `p\u0000${type}\u0000${path.join('\u0000')}`;

/** A read key's parts: kind ('t' | 'b' | 'e' | 'p') and its arguments. */
export function readParts(key: string): { readonly kind: string; readonly args: readonly string[] } {
  const parts = key.split('\u0000');
  return { kind: parts[0], args: parts.slice(1) };
}
