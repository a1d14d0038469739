/**
 * `--baseline FILE`: an earlier report (this CLI's JSON, or SARIF from it) whose findings are not reported again,
 * matched by fingerprint (rule, file, resource, property — not the line, nor the message's wording), so moved code does
 * not resurface.
 */
import * as fs from 'fs';
import { FINGERPRINT_KEY, reportFingerprints } from '../core/present/fingerprint';
import type { JsonFile } from '../core/present/report';
import { safe } from './files';

/** Reports larger than this are not read as baselines. */
const MAX_BASELINE_BYTES = 512 * 1048576;

export function readBaseline(file: string, relative: (p: string) => string): { fingerprints: Set<string> } | { error: string } {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { error: `--baseline ${safe(file)} is not a regular file.` };
    if (st.size > MAX_BASELINE_BYTES) return { error: `--baseline ${safe(file)} is larger than ${MAX_BASELINE_BYTES / 1048576} MB.` };
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { error: `cannot read --baseline ${safe(file)}: ${safe(String((e as NodeJS.ErrnoException).code ?? (e as Error).message))}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { error: `--baseline ${safe(file)} is not JSON: ${safe((e as Error).message)}` };
  }
  const o = json as { runs?: unknown; version?: unknown; files?: unknown };
  if (Array.isArray(o.runs)) {
    const out = new Set<string>();
    for (const run of o.runs as { results?: { partialFingerprints?: Record<string, unknown> }[] }[]) {
      for (const r of run.results ?? []) {
        const fp = r.partialFingerprints?.[FINGERPRINT_KEY];
        if (typeof fp === 'string') out.add(fp);
      }
    }
    return { fingerprints: out };
  }
  if (o.version === 1 && Array.isArray(o.files)) {
    const files = (o.files as JsonFile[]).filter((f) => f && typeof f.path === 'string' && Array.isArray(f.findings));
    return { fingerprints: reportFingerprints(files, relative) };
  }
  return { error: `--baseline ${safe(file)} is neither this tool's JSON report (version 1) nor SARIF.` };
}
