/**
 * The hover of a variable definitions file (`.tfvars`, `.tfvars.json`): the variable an assignment sets, where it is
 * declared, whether Terraform loads this file by itself, which assignment wins, and what reads the variable.
 * Everything from the files is escaped.
 */
import type { Analysis } from '../analyze';
import { emptyDocument, type ValueNode } from '../model/types';
import { basename, dirname } from '../project/paths';
import type { TerraformProject } from '../project/terraform-project';
import { createEvaluator } from '../values/evaluator';
import { LineIndex } from './positions';
import { escapeMarkdown, markdownCode } from './escape';
import type { HoverResult } from './hover';

export function tfvarsHover(project: TerraformProject, path: string, offset: number): HoverResult | undefined {
  try {
    const file = project.files.tfvars(path);
    const a = file?.assignments.find((x) => within(x.nameSpan, offset) || within(x.node.span, offset));
    if (!file || !a) return undefined;
    const mod = project.analyzeModule(dirname(path));
    const v = mod.variables.get(a.name);
    const lines: string[] = [];
    lines.push(`**variable ${markdownCode(a.name)}** = ${valueCode(a.node)}`);
    if (v?.declaration) {
      const def = v.declaration.node.entries.find((e) => e.key === 'default' && !e.block);
      lines.push(`Declared in ${markdownCode(basename(v.declaration.path))} line ${lineOf(project, v.declaration.path, v.declaration.span.start)}${def ? `, default ${valueCode(def.value)}` : ', no default'}.`);
    } else lines.push(`No module file in this folder declares ${markdownCode(a.name)}: Terraform reports an undeclared variable.`);
    const loaded = mod.tfvars.some((f) => f.path === path);
    if (!loaded) {
      lines.push(`Terraform loads this file only when given with \`-var-file\` (not one of terraform.tfvars, terraform.tfvars.json, *.auto.tfvars): the analysis in the editor does not apply it (the CLI does with \`--var-file\`).`);
    } else {
      const last = v?.assignments[v.assignments.length - 1];
      if (last && last.path === path && last.assignment.nameSpan.start === a.nameSpan.start) lines.push('This value applies (the last assignment Terraform reads).');
      else if (last) lines.push(`Overridden by ${markdownCode(basename(last.path))} line ${last.line} (Terraform applies the last assignment).`);
    }
    const uses = usesOf(mod.files, a.name);
    if (uses.length > 0) {
      lines.push('');
      lines.push(`Read by: ${uses.slice(0, 8).map((u) => `${markdownCode(u.resource)} (${escapeMarkdown(basename(u.path))} line ${lineOf(project, u.path, u.offset)})`).join(', ')}${uses.length > 8 ? ` and ${uses.length - 8} more` : ''}.`);
    }
    return { markdown: lines.join('\n\n'), span: { start: a.nameSpan.start, end: Math.max(a.nameSpan.end, a.node.span.end) } };
  } catch {
    return undefined;
  }
}

function within(s: { start: number; end: number }, o: number): boolean {
  return o >= s.start && o <= s.end;
}

function valueCode(node: ValueNode): string {
  const ev = createEvaluator(emptyDocument('terraform')).evaluate(node);
  return ev.known ? markdownCode(JSON.stringify(ev.value), 80) : 'an expression';
}

function lineOf(project: TerraformProject, path: string, offset: number): number {
  return new LineIndex(project.files.text(path) ?? '').positionAt(offset).line + 1;
}

/** Resources whose properties read `var.<name>`. */
function usesOf(files: ReadonlyMap<string, Analysis>, name: string): { resource: string; path: string; offset: number }[] {
  const out: { resource: string; path: string; offset: number }[] = [];
  const ref = `var.${name}`;
  for (const [path, a] of files) {
    for (const ra of a.resources) {
      const stack: ValueNode[] = ra.resource.properties ? [ra.resource.properties] : [];
      while (stack.length > 0) {
        const n = stack.pop() as ValueNode;
        if (n.type === 'expr' && n.refs.includes(ref)) {
          out.push({ resource: ra.resource.id, path, offset: n.span.start });
          break;
        }
        if (n.type === 'map') for (const e of n.entries) stack.push(e.value);
        else if (n.type === 'list') for (const i of n.items) stack.push(i);
      }
    }
  }
  return out;
}
