/**
 * Reading `.aws-responsibility.yaml` on Node (language server and CLI), never blindly: only a regular file (after
 * resolving links), of at most {@link MAX_CONFIG_BYTES}, whose real path lies inside one of the given roots (the
 * workspace folders / the CLI's roots). A FIFO, a device, a link to /dev/zero or out of the roots, or a huge file is
 * never read: the search stops at it and its error is reported on it (a CLI error line, a diagnostic on the file).
 *
 * The file is checked with `stat` before it is opened (a device is never opened), then opened non-blocking and checked
 * again with `fstat` on the open descriptor (the file cannot be swapped in between), and at most the limit + 1 bytes are
 * read (a file that grows while read is still bounded).
 */
import * as fs from 'fs';
import * as path from 'path';
import { configTooLargeMessage, MAX_CONFIG_BYTES, type ConfigFs, type ConfigReadFailure } from '../core/config/config-file';

export { MAX_CONFIG_BYTES };

function kindOf(st: fs.Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const notRegular = (kind: string): ConfigReadFailure => ({ error: `This configuration file is ${kind}, not a regular file: it is not read.` });

/** `open` flags: read-only, never blocking on a FIFO, never following a link (the path given is already the real one). */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

/** Real paths of the roots (a root that does not exist is kept as given, resolved). */
function realRoots(roots: readonly string[]): string[] {
  return roots.map((r) => {
    try {
      return fs.realpathSync(r);
    } catch {
      return path.resolve(r);
    }
  });
}

function isInside(real: string, roots: readonly string[]): boolean {
  return roots.some((r) => real === r || real.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
}

export interface NodeConfigFsOptions {
  /** Larger files are not read (default {@link MAX_CONFIG_BYTES}). */
  readonly maxBytes?: number;
  /** What the roots are, in messages (default "the workspace folders"; the CLI: "the scanned folders"). */
  readonly rootsLabel?: string;
}

/**
 * A {@link ConfigFs} over Node's fs that reads only regular files of bounded size inside `roots` (an empty list: no
 * file is inside, every existing config is refused). Absent files (ENOENT, ENOTDIR) are `undefined`, so the search goes
 * on to the parent folder; any other problem is a `{ error }` reported on that file.
 */
export function nodeConfigFs(roots: readonly string[], options: NodeConfigFsOptions = {}): ConfigFs {
  const maxBytes = options.maxBytes ?? MAX_CONFIG_BYTES;
  const label = options.rootsLabel ?? 'the workspace folders';
  const real = realRoots(roots);
  return { readFile: (p) => readConfigFile(p, real, maxBytes, label) };
}

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);
}

function readConfigFile(p: string, roots: readonly string[], maxBytes: number, label: string): string | undefined | ConfigReadFailure {
  let lst: fs.Stats;
  try {
    lst = fs.lstatSync(p);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { error: `This configuration file cannot be read (${code}).` };
  }
  let real: string;
  try {
    real = fs.realpathSync(p);
  } catch (e) {
    return { error: `This configuration file is a link that leads nowhere (${errnoCode(e)}): it is not read.` };
  }
  if (!isInside(real, roots)) {
    return {
      error: lst.isSymbolicLink()
        ? `This configuration file is a link to ${real}, outside ${label}: it is not read.`
        : `This configuration file is really ${real} (through a linked folder), outside ${label}: it is not read.`,
    };
  }
  let st: fs.Stats;
  try {
    st = fs.statSync(real);
  } catch (e) {
    return { error: `This configuration file cannot be read (${errnoCode(e)}).` };
  }
  const kind = kindOf(st);
  if (kind) return notRegular(kind);
  if (st.size > maxBytes) return { error: configTooLargeMessage(st.size) };
  let fd: number;
  try {
    fd = fs.openSync(real, OPEN_FLAGS);
  } catch (e) {
    return { error: `This configuration file cannot be read (${errnoCode(e)}).` };
  }
  try {
    const again = fs.fstatSync(fd);
    const k = kindOf(again);
    if (k) return notRegular(k);
    if (again.size > maxBytes) return { error: configTooLargeMessage(again.size) };
    const buf = Buffer.alloc(maxBytes + 1);
    let n = 0;
    while (n < buf.length) {
      const got = fs.readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
    }
    if (n > maxBytes) return { error: configTooLargeMessage(n) };
    return buf.toString('utf8', 0, n);
  } catch (e) {
    return { error: `This configuration file cannot be read (${errnoCode(e)}).` };
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // Nothing more to do.
    }
  }
}

