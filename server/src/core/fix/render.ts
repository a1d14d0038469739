/** Renders small literal values (a fix's value, a Metadata suppression entry) as YAML, JSON or HCL text. */

export type Lit = boolean | number | string | LitList | LitMap;
export type LitList = readonly Lit[];
export interface LitMap {
  readonly [key: string]: Lit;
}

export type Syntax = 'yaml' | 'json' | 'hcl';

export function isScalarLit(v: Lit): v is boolean | number | string {
  return typeof v !== 'object';
}

/** `['a','b'], v` → `{a: {b: v}}`. */
export function nest(path: readonly string[], value: Lit): Lit {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) v = { [path[i]]: v };
  return v;
}

const YAML_RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.inf|\.nan)|[-+]?[0-9][0-9_.eExXoO+-]*)$/i;

export function yamlScalar(v: boolean | number | string): string {
  if (typeof v !== 'string') return String(v);
  const plain = /^[A-Za-z_/.][A-Za-z0-9_ ./@()-]*$/.test(v) && !/\s$/.test(v) && !YAML_RESERVED.test(v);
  return plain ? v : JSON.stringify(v);
}

export function yamlKey(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(k) && !YAML_RESERVED.test(k) ? k : JSON.stringify(k);
}

/** A YAML flow rendering (`{a: {b: true}}`). */
export function yamlFlow(v: Lit): string {
  if (isScalarLit(v)) return yamlScalar(v);
  if (Array.isArray(v)) return `[${(v as LitList).map(yamlFlow).join(', ')}]`;
  return `{${Object.entries(v as LitMap).map(([k, x]) => `${yamlKey(k)}: ${yamlFlow(x)}`).join(', ')}}`;
}

/** Block-style lines for `key: value` at `indent`. */
export function yamlEntryLines(key: string, v: Lit, indent: string, unit: string): string[] {
  if (isScalarLit(v)) return [`${indent}${yamlKey(key)}: ${yamlScalar(v)}`];
  if (Array.isArray(v)) {
    if (v.length === 0) return [`${indent}${yamlKey(key)}: []`];
    return [`${indent}${yamlKey(key)}:`, ...yamlListLines(v, indent + unit, unit)];
  }
  const entries = Object.entries(v as LitMap);
  if (entries.length === 0) return [`${indent}${yamlKey(key)}: {}`];
  return [`${indent}${yamlKey(key)}:`, ...entries.flatMap(([k, x]) => yamlEntryLines(k, x, indent + unit, unit))];
}

/** Block-style list lines (`- a: 1` / `  b: 2`) with the dash at `indent`. */
export function yamlListLines(items: LitList, indent: string, unit: string): string[] {
  return items.flatMap((item) => {
    if (isScalarLit(item) || Array.isArray(item)) return [`${indent}- ${yamlFlow(item)}`];
    const lines = Object.entries(item as LitMap).flatMap(([k, x]) => yamlEntryLines(k, x, indent + '  ', unit));
    if (lines.length === 0) return [`${indent}- {}`];
    lines[0] = `${indent}- ${lines[0].trimStart()}`;
    return lines;
  });
}

/** JSON text; multi-line objects/arrays indented from `indent` by `unit` when `multiline`. */
export function jsonValue(v: Lit, indent: string, unit: string, multiline: boolean): string {
  if (isScalarLit(v)) return JSON.stringify(v);
  const inner = indent + unit;
  if (Array.isArray(v)) {
    const parts = (v as LitList).map((x) => jsonValue(x, inner, unit, multiline));
    if (parts.length === 0) return '[]';
    return multiline ? `[\n${parts.map((p) => inner + p).join(',\n')}\n${indent}]` : `[${parts.join(', ')}]`;
  }
  const parts = Object.entries(v as LitMap).map(([k, x]) => `${JSON.stringify(k)}: ${jsonValue(x, inner, unit, multiline)}`);
  if (parts.length === 0) return '{}';
  return multiline ? `{\n${parts.map((p) => inner + p).join(',\n')}\n${indent}}` : `{${parts.join(', ')}}`;
}

export function hclScalar(v: boolean | number | string): string {
  if (typeof v !== 'string') return String(v);
  // Template sequences would be interpolated; HCL escapes them by doubling the introducer.
  return JSON.stringify(v).replace(/([$%])\{/g, (_m, c: string) => `${c}${c}{`);
}

export function hclInline(v: Lit): string {
  if (isScalarLit(v)) return hclScalar(v);
  if (Array.isArray(v)) return `[${(v as LitList).map(hclInline).join(', ')}]`;
  return `{ ${Object.entries(v as LitMap).map(([k, x]) => `${k} = ${hclInline(x)}`).join(', ')} }`;
}

/** HCL lines for `key = value`, or a nested block `key { ... }` when the value is a map (how the AWS provider nests). */
export function hclEntryLines(key: string, v: Lit, indent: string, unit: string): string[] {
  if (isScalarLit(v) || Array.isArray(v)) return [`${indent}${key} = ${hclInline(v)}`];
  const inner = Object.entries(v as LitMap).flatMap(([k, x]) => hclEntryLines(k, x, indent + unit, unit));
  return [`${indent}${key} {`, ...alignHcl(inner), `${indent}}`];
}

/** Aligns the `=` of consecutive single-line attributes at the same indentation, as `terraform fmt` does. */
function alignHcl(lines: string[]): string[] {
  const re = /^([ \t]*)([A-Za-z0-9_-]+) = /;
  const top = /^[ \t]*/.exec(lines[0] ?? '')![0];
  const width = Math.max(0, ...lines.map((l) => { const m = re.exec(l); return m && m[1] === top ? m[2].length : 0; }));
  return lines.map((l) => l.replace(re, (m, ind: string, k: string) => (ind === top ? `${ind}${k.padEnd(width)} = ` : m)));
}
