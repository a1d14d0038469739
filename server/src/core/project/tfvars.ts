/**
 * Terraform variable definition files (`.tfvars`, `.tfvars.json`) and `-var` options: which values they assign, in the
 * order Terraform applies them (later wins): terraform.tfvars, terraform.tfvars.json, `*.auto.tfvars(.json)` in lexical
 * order, then `-var-file` and `-var` options in the order given.
 * https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence
 */
import type { Comment, MapNode, Span, SyntaxError, ValueNode } from '../model/types';
import { parseJsonValue } from '../parse/cfn-json';
import { parseHcl } from '../parse/hcl/parser';
import { bodyToMap } from '../parse/hcl/to-value';
import { respanDeep } from '../model/nodes';
import { basename } from './paths';

export interface VarAssignment {
  readonly name: string;
  readonly nameSpan: Span;
  readonly node: ValueNode;
}

export interface TfvarsFile {
  readonly path: string;
  readonly assignments: readonly VarAssignment[];
  readonly errors: readonly SyntaxError[];
  readonly comments: readonly Comment[];
}

export function isTfvarsName(name: string): boolean {
  const n = name.toLowerCase();
  return n.endsWith('.tfvars') || n.endsWith('.tfvars.json');
}

/** The variable files Terraform loads on its own from a root module's folder, in the order it applies them. */
export function autoLoadedTfvars(names: readonly string[]): string[] {
  const fixed = ['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n));
  const auto = names.filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json')).sort();
  return [...fixed, ...auto];
}

/** Never throws; a broken file gives its syntax errors and whatever assignments could be read. */
export function parseTfvars(path: string, text: string): TfvarsFile {
  try {
    if (basename(path).toLowerCase().endsWith('.json')) {
      const j = parseJsonValue(text);
      const root = j.root && j.root.type === 'map' ? j.root : undefined;
      const errors = [...j.errors];
      if (j.root && !root) errors.push({ message: 'A .tfvars.json file must be a JSON object of variable values', span: j.root.span });
      return { path, assignments: root ? assignmentsOf(root) : [], errors, comments: j.comments };
    }
    const ast = parseHcl(text);
    const errors: SyntaxError[] = [...ast.errors];
    for (const it of ast.body.items) {
      if (it.kind === 'block') errors.push({ message: `A variable definitions file holds only assignments (name = value); found a '${it.type}' block`, span: it.typeSpan });
    }
    return { path, assignments: assignmentsOf(bodyToMap(ast.body, text)), errors, comments: ast.comments };
  } catch (e) {
    return { path, assignments: [], errors: [{ message: `Internal parser error: ${(e as Error).message}`, span: { start: 0, end: 0 } }], comments: [] };
  }
}

function assignmentsOf(map: MapNode): VarAssignment[] {
  const out: VarAssignment[] = [];
  for (const e of map.entries) if (!e.block) out.push({ name: e.key, nameSpan: e.keySpan, node: e.value });
  return out;
}

/**
 * A `-var NAME=VALUE` option: VALUE as Terraform reads it for a variable of any type — an HCL literal (number, bool,
 * list, object) when it parses as one, else the string as given.
 */
export function parseVarOption(option: string): { name: string; node: ValueNode } | { error: string } {
  const eq = option.indexOf('=');
  if (eq <= 0) return { error: `-var needs NAME=VALUE, not "${option}"` };
  const name = option.slice(0, eq).trim();
  if (!/^[A-Za-z_][\w-]*$/.test(name)) return { error: `-var: "${name}" is not a variable name` };
  const raw = option.slice(eq + 1);
  const span: Span = { start: 0, end: 0 };
  const trimmed = raw.trim();
  if (/^(?:-?\d+(?:\.\d+)?|true|false|null|\[[\s\S]*\]|\{[\s\S]*\})$/.test(trimmed)) {
    const prefix = 'x = ';
    const ast = parseHcl(`${prefix}${trimmed}\n`);
    if (ast.errors.length === 0 && ast.body.items.length === 1) {
      const v = bodyToMap(ast.body, `${prefix}${trimmed}\n`).entries[0]?.value;
      // A command-line value has no place in a file.
      if (v && v.type !== 'expr') return { name, node: respanDeep(v, span) };
    }
  }
  return { name, node: { type: 'scalar', span, value: raw } };
}
