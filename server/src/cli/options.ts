/** The `scan` command's options, parsed and checked (a wrong option is a usage error, exit 2). */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_MAX_BYTES } from '../core/document';
import type { RootInput } from '../core/project/terraform-project';
import { parseTfvars, parseVarOption } from '../core/project/tfvars';
import type { Severity } from '../core/rules/rule-api';
import { toProjectPath } from '../node/node-fs';
import { safe } from './files';
import { FRAMEWORKS, unknownFrameworks } from '../core/rules/compliance';

/** `line`: one line per finding, `file:line:column: severity: message [rule]` (editors' problem matchers, grep). */
export type Format = 'text' | 'json' | 'sarif' | 'markdown' | 'line';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'markdown', 'line'];
export type FailOn = Severity | 'none';
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'information', 'hint', 'none'];

export interface ScanOptions {
  format: Format;
  maxBytes: number;
  useConfig: boolean;
  paths: string[];
  rootInputs: RootInput[];
  /** Write the report here instead of the standard output. */
  output?: string;
  /** Exit 1 only for findings at or above this severity (default warning); `none`: findings never fail. */
  failOn: FailOn;
  /** An earlier JSON or SARIF report: the findings it holds are not reported again. */
  baseline?: string;
  /** Report suppressed findings too, marked as suppressed (audits). */
  ignoreSuppressions: boolean;
  /** This job's part of the files: 1-based index and count (`--shard 2/4`). */
  shard?: { index: number; count: number };
  /** Worker threads (undefined: one; see defaultThreads). */
  threads?: number;
  /** Progress on standard error (default: when it is a terminal). */
  progress?: boolean;
  /** Report only the rules tied to these frameworks (`fsbp`, `cis`, `cis-3.0.0`). */
  frameworks?: string[];
}

export function parseScanOptions(args: readonly string[]): { options: ScanOptions } | { error: string; usage?: boolean } {
  const o: ScanOptions = { format: 'text', maxBytes: DEFAULT_MAX_BYTES, useConfig: true, paths: [], rootInputs: [], failOn: 'warning', ignoreSuppressions: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 ? a.slice(eq + 1) : args[++i]);
    switch (name) {
      case '--format': {
        const v = value();
        if (!FORMATS.includes(v as Format)) return { error: `--format must be one of ${FORMATS.join(', ')}, not "${safe(v ?? '')}".` };
        o.format = v as Format;
        break;
      }
      case '--max-size-mb': {
        const v = Number(value());
        if (!(v > 0)) return { error: '--max-size-mb needs a positive number.' };
        o.maxBytes = v * 1048576;
        break;
      }
      case '--no-config':
        o.useConfig = false;
        break;
      case '--output':
      case '-o': {
        const v = value();
        if (!v) return { error: '--output needs a file.' };
        o.output = v;
        break;
      }
      case '--fail-on': {
        const v = value();
        if (!FAIL_ON.includes(v as FailOn)) return { error: `--fail-on must be one of ${FAIL_ON.join(', ')}, not "${safe(v ?? '')}".` };
        o.failOn = v as FailOn;
        break;
      }
      case '--baseline': {
        const v = value();
        if (!v) return { error: '--baseline needs a report file (JSON or SARIF).' };
        o.baseline = v;
        break;
      }
      case '--ignore-suppressions':
        o.ignoreSuppressions = true;
        break;
      case '--shard': {
        const v = value() ?? '';
        const m = /^(\d+)\/(\d+)$/.exec(v);
        const index = m ? Number(m[1]) : NaN;
        const count = m ? Number(m[2]) : NaN;
        if (!m || !(count >= 1 && count <= 1000 && index >= 1 && index <= count)) return { error: `--shard needs I/N with 1 ≤ I ≤ N ≤ 1000, not "${safe(v)}".` };
        o.shard = { index, count };
        break;
      }
      case '--threads': {
        const v = Number(value());
        if (!(Number.isInteger(v) && v >= 1 && v <= 64)) return { error: '--threads needs a whole number from 1 to 64.' };
        o.threads = v;
        break;
      }
      case '--progress':
        o.progress = true;
        break;
      case '--frameworks': {
        const names = (value() ?? '').split(',').map((x) => x.trim()).filter(Boolean);
        const bad = unknownFrameworks(names);
        if (names.length === 0 || bad.length > 0) return { error: `--frameworks takes a comma-separated list of ${FRAMEWORKS.join(', ')} (cis may carry a version: cis-3.0.0), not "${safe(bad.join(',') || '')}".` };
        o.frameworks = names;
        break;
      }
      case '--no-progress':
        o.progress = false;
        break;
      case '--var-file': {
        const v = value();
        if (!v) return { error: '--var-file needs a file.' };
        let text: string;
        try {
          const st = fs.statSync(v);
          if (!st.isFile()) return { error: `--var-file ${safe(v)} is not a regular file.` };
          if (st.size > 16 * 1048576) return { error: `--var-file ${safe(v)} is larger than 16 MB.` };
          text = fs.readFileSync(v, 'utf8');
        } catch (e) {
          return { error: `cannot read --var-file ${safe(v)}: ${safe(String((e as NodeJS.ErrnoException).code ?? (e as Error).message))}` };
        }
        const file = parseTfvars(toProjectPath(path.resolve(v)), text);
        if (file.errors.length > 0) return { error: file.errors.map((e) => `${safe(v)}: ${safe(e.message)}`).join('\n') };
        o.rootInputs.push({ kind: 'file', file });
        break;
      }
      case '--var': {
        const parsed = parseVarOption(value() ?? '');
        if ('error' in parsed) return { error: safe(parsed.error) };
        o.rootInputs.push({ kind: 'var', name: parsed.name, node: parsed.node });
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') return { error: `Unknown option "${safe(a)}".`, usage: true };
        o.paths.push(a);
    }
  }
  if (o.paths.length === 0) return { error: 'No PATH given.', usage: true };
  return { options: o };
}
