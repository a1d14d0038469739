/** Reads a V8 `.cpuprofile` (from `node --cpu-prof`): the functions with the most self time. */
import * as fs from 'fs';
import { SourceMap } from 'module';
import * as path from 'path';
import { fileURLToPath } from 'url';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  percent: number;
}

/** Self time per function (summed over the profile's nodes of that function), largest first. */
export function topSelfTime(file: string, n = 10): { totalMs: number; top: SelfTime[] } {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, ProfileNode>();
  for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x);
  const self = new Map<string, { name: string; where: string; us: number }>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]);
    if (!node) continue;
    // A sample's time is the delta to the next sample.
    const us = deltas[i + 1] ?? 0;
    const cf = node.callFrame;
    // Native code without a name (a builtin's C++ part) is named by its caller.
    const up = !cf.functionName && !cf.url ? parent.get(node.id) : undefined;
    const name = cf.functionName || (up ? `(native, called by ${up.callFrame.functionName || 'anonymous'})` : '(anonymous)');
    const at = up ? up.callFrame : cf;
    const where = at.url ? original(at.url, at.lineNumber, at.columnNumber) : '';
    const key = `${name}\u0000${where}`;
    const e = self.get(key);
    if (e) e.us += us;
    else self.set(key, { name, where, us });
  }
  const totalUs = p.endTime - p.startTime;
  const top = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, n)
    .map((e) => ({ name: e.name, where: e.where, ms: e.us / 1000, percent: (100 * e.us) / totalUs }));
  return { totalMs: totalUs / 1000, top };
}

const maps = new Map<string, SourceMap | null>();

/** `file.ts:line` through the bundle's source map (dist/cli.js.map) when there is one, else `file.js:line`. */
function original(url: string, line: number, column: number): string {
  let file: string;
  try {
    file = url.startsWith('file:') ? fileURLToPath(url) : url;
  } catch {
    return url;
  }
  let map = maps.get(file);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(file, map);
  }
  const e = map?.findEntry(line, column) as { originalSource?: string; originalLine?: number } | undefined;
  if (e?.originalSource) return `${e.originalSource.replace(/^.*?\/(server|client|node_modules)\//, '$1/')}:${(e.originalLine ?? 0) + 1}`;
  return `${path.basename(file)}:${line + 1}`;
}
