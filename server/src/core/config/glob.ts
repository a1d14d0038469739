/**
 * `ignorePaths` glob matching (hand-written, ~30 lines: the core stays dependency-free and runs in any Node; Node's
 * `path.matchesGlob` is experimental and missing from older Electron builds). Supports `**`, `*`, `?`, `[...]`, `{a,b}`.
 * A pattern without `/` matches a name at any depth (as in .gitignore); a pattern matching a folder ignores what is under it.
 */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  if (g.endsWith('/')) g = g.slice(0, -1);
  const anchored = g.startsWith('/') || g.slice(0, -1).includes('/');
  if (g.startsWith('/')) g = g.slice(1);
  let re = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '[' + g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  re += ')'.repeat(braces);
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}(?:/.*)?$`);
}

/** Whether a workspace-relative path (either separator) matches any of the globs. */
export function isIgnoredPath(relativePath: string, globs: readonly string[]): boolean {
  const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  for (const g of globs) {
    try {
      if (g.trim() !== '' && globToRegExp(g).test(p)) return true;
    } catch {
      // An invalid character class: the config validation reports it; here it matches nothing.
    }
  }
  return false;
}
