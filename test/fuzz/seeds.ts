/**
 * The fuzzer's seeds: the shared real-world corpus, the examples, the unit-test fixtures, generated templates, and JSON
 * versions of the corpus's CloudFormation YAML templates (the corpus has no JSON template of its own).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as Y from 'yaml';
import { generate } from '../../bench/generate';
import { SHORT_FORM_TAGS } from '../../server/src/core/parse/intrinsics';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CORPUS = path.join(ROOT, '..', 'shared', 'data', 'corpus');

/** What a seed is, by the syntax the analysis picks for its name. */
export type SeedKind = 'yaml' | 'json' | 'tf' | 'tfvars' | 'other';

export interface Seed {
  /** Where it comes from: a path relative to the repository, or `generated:…` / `json-of:…`. */
  readonly label: string;
  /** The file name the analysis sees (its extension picks the parser). */
  readonly fileName: string;
  readonly text: string;
  readonly kind: SeedKind;
}

export function kindOf(fileName: string): SeedKind {
  const n = fileName.toLowerCase();
  if (n.endsWith('.tfvars') || n.endsWith('.tfvars.json')) return 'tfvars';
  if (n.endsWith('.tf') || n.endsWith('.tf.json')) return n.endsWith('.tf') ? 'tf' : 'json';
  if (n.endsWith('.json')) return 'json';
  if (n.endsWith('.yaml') || n.endsWith('.yml') || n.endsWith('.template')) return 'yaml';
  return 'other';
}

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const st = fs.statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (st.isFile()) out.push(p);
  }
  return out;
}

const TAGS = [...SHORT_FORM_TAGS.keys()].flatMap((tag) => [
  { tag, resolve: (s: string) => s },
  { tag, collection: 'seq' as const, resolve: (s: unknown) => s },
  { tag, collection: 'map' as const, resolve: (s: unknown) => s },
]) as unknown as Y.Tags;

/** A CloudFormation YAML template as JSON (short-form intrinsics in long form); undefined when it is not a template. */
export function yamlTemplateToJson(text: string): string | undefined {
  let doc: Y.Document.Parsed;
  try {
    doc = Y.parseDocument(text, { customTags: TAGS, uniqueKeys: false });
  } catch {
    return undefined;
  }
  if (doc.errors.length > 0) return undefined;
  let budget = 200_000;
  const conv = (n: unknown, depth: number): unknown => {
    if (--budget < 0 || depth > 200) throw new Error('too big');
    if (n === null || n === undefined) return null;
    if (Y.isAlias(n)) return conv(n.resolve(doc), depth + 1);
    let v: unknown;
    if (Y.isScalar(n)) v = n.value instanceof Date ? n.source ?? String(n.value) : n.value;
    else if (Y.isSeq(n)) v = n.items.map((x) => conv(x, depth + 1));
    else if (Y.isMap(n)) {
      const o: Record<string, unknown> = {};
      for (const p of n.items) {
        const k = conv(p.key, depth + 1);
        Object.defineProperty(o, typeof k === 'string' ? k : JSON.stringify(k), { value: conv(p.value, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      v = o;
    } else return null;
    const tag = (n as { tag?: string }).tag;
    const long = tag !== undefined ? SHORT_FORM_TAGS.get(tag) : undefined;
    if (long === undefined) return v;
    if (long === 'Fn::GetAtt' && typeof v === 'string') {
      const i = v.indexOf('.');
      v = i < 0 ? v : [v.slice(0, i), v.slice(i + 1)];
    }
    return { [long]: v };
  };
  try {
    const js = conv(doc.contents, 0);
    if (!js || typeof js !== 'object' || Array.isArray(js) || !('Resources' in js)) return undefined;
    return JSON.stringify(js, null, 2);
  } catch {
    return undefined;
  }
}

let cached: Seed[] | undefined;

/** Every seed, in a fixed order (a case's number picks the same seed on every machine with the same corpus). */
export function loadSeeds(): Seed[] {
  if (cached) return cached;
  const seeds: Seed[] = [];
  const add = (label: string, fileName: string, text: string): void => {
    seeds.push({ label, fileName, text, kind: kindOf(fileName) });
  };
  const rel = (p: string): string => path.relative(ROOT, p).split(path.sep).join('/');
  const corpus = walk(CORPUS);
  for (const p of corpus) add(rel(p), path.basename(p), fs.readFileSync(p, 'utf8'));
  for (const p of walk(path.join(ROOT, 'examples'))) add(rel(p), path.basename(p), fs.readFileSync(p, 'utf8'));
  for (const p of walk(path.join(ROOT, 'test', 'unit', 'project', 'fixtures'))) add(rel(p), path.basename(p), fs.readFileSync(p, 'utf8'));
  const plans = path.join(ROOT, 'test', 'unit', 'plan', 'fixtures');
  for (const p of walk(plans).filter((f) => f.endsWith('.json'))) add(rel(p), path.basename(p), fs.readFileSync(p, 'utf8'));
  for (const n of [1, 3, 7, 20]) {
    add(`generated:yaml:${n}`, `gen${n}.yaml`, generate('yaml', n));
    add(`generated:json:${n}`, `gen${n}.json`, generate('json', n));
    add(`generated:tf:${n}`, `gen${n}.tf`, generate('tf', n));
  }
  // JSON versions of the corpus's CloudFormation YAML templates.
  for (const p of corpus) {
    if (!/\.(ya?ml)$/.test(p)) continue;
    const js = yamlTemplateToJson(fs.readFileSync(p, 'utf8'));
    if (js !== undefined) add(`json-of:${rel(p)}`, path.basename(p).replace(/\.ya?ml$/, '.json'), js);
  }
  cached = seeds;
  return seeds;
}

/** Seeds the analysis reads as templates or modules (picked far more often than the rest). */
export function analysable(seeds: readonly Seed[]): Seed[] {
  return seeds.filter((s) => s.kind === 'yaml' || s.kind === 'json' || s.kind === 'tf');
}
