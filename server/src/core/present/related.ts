/**
 * The places that explain a finding, for LSP `relatedInformation` and SARIF `relatedLocations`: where a relocated
 * finding comes from (a module's or nested template's own text, set by the project layer), the resource at fault when
 * the finding is written in another resource (a linked policy, a rule, an attachment), and the parameter or variable
 * the value at fault reads. Computed on demand for the findings shown, not during analysis.
 */
import type { Analysis, Finding, RelatedSpan, ResourceAnalysis } from '../analyze';
import type { ParsedDocument, Resource } from '../model/types';
import { quoteName } from '../rules/message';
import { nodeWithSpan, parametersRead, variablesRead } from '../values/reads';
import { LineIndex, type Range } from './positions';
import { originalOf } from '../model/resource-index';

/** At most this many related places per finding (a value may read many parameters). */
const MAX_RELATED = 8;

const byIdCache = new WeakMap<Analysis, Map<string, ResourceAnalysis>>();

function resourceById(analysis: Analysis, id: string): ResourceAnalysis | undefined {
  let m = byIdCache.get(analysis);
  if (!m) {
    m = new Map();
    for (const ra of analysis.resources) m.set(ra.resource.id, ra);
    byIdCache.set(analysis, m);
  }
  return m.get(id);
}

export function relatedSpans(analysis: Analysis, f: Finding): RelatedSpan[] {
  const out: RelatedSpan[] = [...(f.related ?? [])];
  const checked = resourceById(analysis, f.resource)?.resource;
  // Written in another resource of this file (a linked configuration): point at the resource it is about.
  if (f.at && checked && originalOf(f.at) !== originalOf(checked) && !out.some((r) => r.file === undefined && r.span.start === checked.nameSpan.start)) {
    out.push({ span: checked.nameSpan, message: `${quoteName(checked.id)}: the resource this finding is about` });
  }
  const owner = f.at ?? checked;
  if (owner) pushAllBounded(out, valueOrigins(analysis, originalOf(owner), f));
  return out.length > MAX_RELATED ? out.slice(0, MAX_RELATED) : out;
}

function pushAllBounded(out: RelatedSpan[], more: readonly RelatedSpan[]): void {
  for (const r of more) {
    if (out.length >= MAX_RELATED) return;
    out.push(r);
  }
}

/** The parameters (CloudFormation) or variables (Terraform) the value at the finding's span reads, where declared. */
function valueOrigins(analysis: Analysis, owner: Resource, f: Finding): RelatedSpan[] {
  const node = nodeWithSpan(owner.definition ?? owner.properties, f.span);
  // A literal reads nothing (most findings: a value written in the file, or the resource type of a missing property).
  if (!node || node.type === 'scalar') return [];
  const doc = analysis.doc;
  const out: RelatedSpan[] = [];
  if (doc.language === 'cloudformation') {
    for (const name of parametersRead(node, doc)) {
      const decl = doc.declarations.parameters.get(name);
      if (decl) out.push({ span: decl.span, message: `the value comes from parameter ${quoteName(name)}${hasKey(decl.node, 'Default') ? ' (its Default)' : ''}` });
    }
    return out;
  }
  const docs: { file?: string; doc: ParsedDocument }[] = [{ doc }, ...(analysis.moduleFiles ?? []).filter((m) => m.doc !== doc)];
  for (const name of variablesRead(node, doc.declarations.locals)) {
    for (const d of docs) {
      const decl = d.doc.declarations.parameters.get(name);
      if (!decl) continue;
      out.push({ ...(d.file ? { file: d.file } : {}), span: decl.span, message: `the value comes from variable ${quoteName(name)}${hasKey(decl.node, 'default') ? ' (its default, unless set by tfvars or a caller)' : ''}` });
      break;
    }
  }
  return out;
}

function hasKey(node: { entries: readonly { key: string }[] }, key: string): boolean {
  return node.entries.some((e) => e.key === key);
}

/** A related place with its range: in `file`, or in the finding's own file when absent. */
export interface RelatedRange {
  readonly file?: string;
  readonly range: Range;
  readonly message: string;
}

/**
 * Related places with line/character ranges. `textOf` reads another file (an open editor's text first); a place in a
 * file that cannot be read is left out. Line indexes are built once per file per call.
 */
export function relatedRanges(spans: readonly RelatedSpan[], ownText: LineIndex, textOf: (file: string) => string | undefined, cache = new Map<string, LineIndex | null>()): RelatedRange[] {
  const out: RelatedRange[] = [];
  for (const r of spans) {
    if (!r.file) {
      out.push({ range: ownText.rangeOf(r.span), message: r.message });
      continue;
    }
    let idx = cache.get(r.file);
    if (idx === undefined) {
      const t = textOf(r.file);
      idx = t === undefined ? null : new LineIndex(t);
      cache.set(r.file, idx);
    }
    if (idx) out.push({ file: r.file, range: idx.rangeOf(r.span), message: r.message });
  }
  return out;
}
