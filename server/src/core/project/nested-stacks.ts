/**
 * CloudFormation nested stacks as CloudFormation deploys them: an `AWS::CloudFormation::Stack` (or a SAM
 * `AWS::Serverless::Application`) whose `TemplateURL` / `Location` is a local file — as `aws cloudformation package`
 * and `sam deploy` accept — is analysed as that template with the `Parameters` the parent passes.
 *
 * Where a child's gap is reported: at the parent's parameter when the parameter caused it; in the child's file when
 * the child alone has it (its own analysis, with its defaults, reports it there); otherwise at the stack resource.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-stack.html
 */
import { analyze, type Analysis, type Finding, type RelatedSpan } from '../analyze';
import { asMap, asScalar, get } from '../model/nodes';
import type { MapNode, ParsedDocument, Resource, Span, ValueNode } from '../model/types';
import { LineIndex } from '../present/positions';
import type { InputSource } from '../values/context';
import { nodeWithSpan, parametersRead } from '../values/reads';
import { known, unknown, type Result } from '../values/result';
import { basename, dirname, join, relative } from './paths';
import type { ModuleCallResult } from './terraform-project';
import { originalOf } from '../model/resource-index';

/** What nested-stack analysis needs from its host: text of a file, and a parse of a template. */
export interface StackHost {
  readText(path: string): string | undefined;
  /** The template's parse (a CloudFormation syntax), or undefined for a file that is not a template. */
  parse(path: string, text: string): ParsedDocument | undefined;
}

const MAX_STACK_DEPTH = 8;
/** Stack resource type → the property naming the child template. */
const TEMPLATE_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::CloudFormation::Stack': 'TemplateURL',
  'AWS::Serverless::Application': 'Location',
};
const STACK_TYPES: ReadonlySet<string> = new Set(Object.keys(TEMPLATE_PROPERTY));

/** The analysis with its nested stacks' analyses (`modules`) and the findings they report in this file. */
export function withNestedStacks(analysis: Analysis, path: string, host: StackHost, depth = 0, stack: readonly string[] = []): Analysis {
  if (analysis.doc.language !== 'cloudformation' || !analysis.doc.isTemplate) return analysis;
  // Every resource, on each keystroke: a Set lookup (0.2 ms at 10,000 resources, against 0.3 for a keyed load in the record).
  const stacks = analysis.resources.filter((ra) => STACK_TYPES.has(ra.resource.type));
  if (stacks.length === 0) return analysis;
  const text = host.readText(path) ?? '';
  const lines = new LineIndex(text);
  const calls: ModuleCallResult[] = [];
  const extra: Finding[] = [];
  for (const ra of stacks) {
    const r = ra.resource;
    const urlNode = get(r.properties, TEMPLATE_PROPERTY[r.type]);
    const url = urlNode ? analysis.values?.evaluate(urlNode) : undefined;
    const none = (note: string, source: ModuleCallResult['source'] = { kind: 'none' }): void => {
      calls.push({ call: r, address: r.id, source, instances: [], note });
    };
    // A stack whose `Condition` this file decides as false is not created, nor is anything in it (as for any resource).
    const cond = get(r.definition, 'Condition');
    if (cond && cond.type === 'scalar' && typeof cond.value === 'string') {
      const created = analysis.values?.evaluate({ type: 'intrinsic', span: cond.span, fn: 'Condition', arg: cond });
      if (created?.known && created.value === false) {
        none(`its Condition ${cond.value} is false here: the stack is not created`);
        continue;
      }
    }
    if (!url || !url.known || typeof url.value !== 'string') {
      none(urlNode ? 'the template location is not decided by this file' : `no ${TEMPLATE_PROPERTY[r.type]}`);
      continue;
    }
    const loc = url.value.trim();
    if (/^(?:https?|s3):\/\//i.test(loc) || loc === '') {
      none('the nested template is remote: not read (package it locally, or open it, to analyse it)', { kind: 'remote-template', url: loc });
      continue;
    }
    const childPath = join(dirname(path), loc.replace(/^file:\/\//, ''));
    const source = { kind: 'template' as const, file: childPath };
    if (depth >= MAX_STACK_DEPTH) {
      none(`nested stacks deeper than ${MAX_STACK_DEPTH} are not followed`, source);
      continue;
    }
    if (stack.includes(childPath) || childPath === path) {
      none('the stack nests itself (a cycle): not followed', source);
      continue;
    }
    const childText = host.readText(childPath);
    const childDoc = childText === undefined ? undefined : host.parse(childPath, childText);
    if (!childText || !childDoc || !childDoc.isTemplate) {
      none(`${relative(dirname(path), childPath)} ${childText === undefined ? 'cannot be read' : 'is not a CloudFormation template'}`, source);
      continue;
    }
    // The parameters the parent passes, evaluated in the parent.
    const params = asMap(get(r.properties, 'Parameters'));
    const args = new Map<string, { node: ValueNode; result: Result }>();
    for (const e of params?.entries ?? []) {
      const ev = analysis.values?.evaluate(e.value) ?? { known: false as const, dependsOn: ['the parent'] };
      const where = `parameter ${e.key} passed by stack ${r.id} (${basename(path)} line ${lines.positionAt(e.value.span.start).line + 1})`;
      args.set(e.key, { node: e.value, result: ev.known ? known(ev.value, [where, ...(ev.via ? [ev.via] : [])]) : unknown([where, ...ev.dependsOn]) });
    }
    const inputs: InputSource = { value: (name) => args.get(name)?.result };
    const prefix = `${r.id}.`;
    const renamed: ParsedDocument = { ...childDoc, resources: childDoc.resources.map((c): Resource => ({ ...c, id: prefix + c.id, name: prefix + c.id, template: c })) };
    const child = withNestedStacks(analyze(renamed, { evaluator: { inputs } }), childPath, { ...host, readText: (p) => (p === childPath ? childText : host.readText(p)) }, depth + 1, [...stack, path]);
    // The child's own analysis (its defaults): what it reports itself is not repeated here.
    const own = analyze(childDoc);
    const ownKeys = new Set(own.findings.map((f) => `${f.ruleId}\u0000${f.span.start}\u0000${f.span.end}`));
    for (const f of child.findings) {
      if (f.at && f.at.language === 'cloudformation' && !childDoc.resources.includes(originalOf(f.at))) continue; // reported in a grandchild's parent: already relocated below
      const owner = originalOf(f.at ?? byId(renamed, f.resource) ?? r);
      const node = nodeWithSpan(owner.definition ?? owner.properties, f.span);
      const causes = node ? parametersRead(node, childDoc) : new Set<string>();
      const arg = [...args.keys()].find((k) => causes.has(k));
      const where = relative(dirname(path), childPath);
      if (arg) extra.push({ ...f, span: args.get(arg)!.node.span, at: r, related: relatedFrom(f, childPath, `where ${f.resource} uses parameter ${arg} (${where})`) });
      else if (!ownKeys.has(`${f.ruleId}\u0000${f.span.start}\u0000${f.span.end}`)) extra.push({ ...f, span: r.typeSpan, at: r, message: `${f.message} (in ${where})`, related: relatedFrom(f, childPath, `the finding in ${where}`) });
    }
    calls.push({ call: r, address: r.id, source, instances: [{ address: r.id, analysis: child, calls: child.modules ?? [] }] });
  }
  const seen = new Set<string>();
  const findings = [...analysis.findings];
  for (const f of extra) {
    const key = `${f.ruleId}\u0000${f.span.start}\u0000${f.span.end}\u0000${f.resource}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(f);
  }
  findings.sort((a, b) => a.span.start - b.span.start);
  return { ...analysis, findings, modules: calls };
}

/** A relocated finding's related places: where it was in the child, then what it already had (in the child unless they say). */
function relatedFrom(f: Finding, childPath: string, message: string): RelatedSpan[] {
  return [{ file: childPath, span: f.span, message }, ...(f.related ?? []).map((x) => (x.file ? x : { ...x, file: childPath }))];
}

function byId(doc: ParsedDocument, id: string): Resource | undefined {
  return doc.resources.find((r) => r.id === id);
}

