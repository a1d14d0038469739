/**
 * Paths of the project layer: absolute, `/`-separated (the Node adapter turns `C:\a\b` into `C:/a/b`). Written here
 * rather than imported from Node's `path` so the core stays free of Node built-ins (it also runs in a web worker).
 */

/** `a/b/../c/./d` → `a/c/d`; keeps a leading `/` or drive (`C:`); never climbs above the root. */
export function normalize(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..' && !isDrive(out[out.length - 1], out.length - 1)) out.pop();
      else if (!abs && out.length === 0) out.push('..');
      continue;
    }
    out.push(part);
  }
  return (abs ? '/' : '') + out.join('/');
}

function isDrive(part: string, index: number): boolean {
  return index === 0 && /^[A-Za-z]:$/.test(part);
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return p.slice(0, i);
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

export function join(dir: string, rel: string): string {
  if (rel.startsWith('/') || /^[A-Za-z]:\//.test(rel)) return normalize(rel);
  return normalize(`${dir}/${rel}`);
}

/** True when `p` is `dir` or below it. */
export function isInside(p: string, dir: string): boolean {
  if (p === dir) return true;
  return p.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

/** `to` relative to the folder `from` (`../modules/x/main.tf`). */
export function relative(from: string, to: string): string {
  const a = normalize(from).split('/').filter((x) => x !== '');
  const b = normalize(to).split('/').filter((x) => x !== '');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  const rest = b.slice(i);
  const r = [...up, ...rest].join('/');
  return r === '' ? '.' : r;
}
