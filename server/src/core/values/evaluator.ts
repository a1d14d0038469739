/**
 * The value evaluator: what a CloudFormation template or a Terraform configuration decides about a value.
 * Known values carry `via` (the parameters/conditions/mappings they came from); anything decided at deploy
 * time is unknown with its dependencies. Reference cycles and hostile nesting give unknown, never a throw.
 */
import { noteExistsRead } from '../model/reads';
import { asMap, asScalar, get, respanDeep } from '../model/nodes';
import type { ExprNode, IntrinsicNode, ParsedDocument, Span, ValueNode } from '../model/types';
import type { Evaluated, PlainValue, Resolved, ValueEvaluator } from './evaluator-api';
import { evalIntrinsic, conditionArg, truthy } from './cfn-intrinsics';
import type { DefaultsPolicy, EvalContext, EvaluatorOptions, InputSource, InstanceBindings } from './context';
import { evalExprNode, exprAst, variable, variableDefault } from './tf-expr';
import { known, MAX_DEPTH, NO_VALUE, TOO_DEEP, plainToNode, toEvaluated, unknown, withVia, type Result } from './result';
import { pushAll } from '../arrays';
import { keepShape } from '../shape-keeper';
import { emptyDocument } from '../model/types';

export type { DefaultsPolicy, EvaluatorOptions, InputSource, InstanceBindings } from './context';

export function createEvaluator(doc: ParsedDocument, options: EvaluatorOptions = {}): InstanceEvaluator {
  return new Engine(doc, options.parameterDefaults ?? 'known', options.inputs, options.bindings);
}

/** An evaluator that can also evaluate per `count` / `for_each` instance (sharing what does not depend on the instance). */
export interface InstanceEvaluator extends ValueEvaluator {
  forInstance(bindings: InstanceBindings): ValueEvaluator;
}

/** What every instance of one document shares: locals and conditions cannot refer to `count` or `each`. */
interface Shared {
  readonly conditions: Map<string, Result>;
  readonly locals: Map<string, Result>;
  /** The document's resource ids, made on first use (most analyses never ask: a 10,000-resource set per edit is not free). */
  readonly resourceIds: { ids?: ReadonlySet<string> };
}

/** A structural resolution, and whether its node was found outside the reference (a declaration, another file). */
type Resolution = Resolved & { readonly foreign?: boolean };

export class Engine implements InstanceEvaluator, EvalContext {
  private readonly conditions: Map<string, Result>;
  private readonly locals: Map<string, Result>;
  private readonly visiting = new Set<string>();
  private readonly resourceIds: { ids?: ReadonlySet<string> };
  /** Results per node: rules ask about the same properties again and again, and maps contain their children. */
  private readonly cache = new Map<ValueNode, Result>();

  constructor(
    readonly doc: ParsedDocument,
    readonly defaults: DefaultsPolicy,
    readonly inputs: InputSource | undefined,
    readonly bindings: InstanceBindings | undefined,
    shared?: Shared,
  ) {
    this.conditions = shared?.conditions ?? new Map();
    this.locals = shared?.locals ?? new Map();
    this.resourceIds = shared?.resourceIds ?? {};
  }

  forInstance(bindings: InstanceBindings): ValueEvaluator {
    return new Engine(this.doc, this.defaults, this.inputs, bindings, { conditions: this.conditions, locals: this.locals, resourceIds: this.resourceIds });
  }

  // ---- ValueEvaluator ----

  evaluate(node: ValueNode | undefined): Evaluated {
    if (node === undefined) return { known: true, value: null, via: 'absent' };
    // Literal text as written (what toEvaluated(evalNode(...)) gives, without the intermediate result).
    if (node.type === 'scalar') return { known: true, value: node.value };
    try {
      return toEvaluated(this.evalNode(node, 0));
    } catch (e) {
      return { known: false, dependsOn: [`evaluation failed: ${(e as Error).message}`] };
    }
  }

  resolve(node: ValueNode): Resolved {
    try {
      const r = this.resolveNode(node, 0, []);
      // A value defined elsewhere (a parameter default, a variable, a local, a mapping — perhaps in another file of the
      // module) is stood at the reference: findings must point at the resource's property, not into the declaration.
      if (r.known && (r.foreign || r.node.span.start < node.span.start || r.node.span.end > node.span.end)) {
        return r.via === undefined ? { known: true, node: respanDeep(r.node, node.span) } : { known: true, node: respanDeep(r.node, node.span), via: r.via };
      }
      return r.known ? (r.via === undefined ? { known: true, node: r.node } : { known: true, node: r.node, via: r.via }) : r;
    } catch (e) {
      return { known: false, dependsOn: [`evaluation failed: ${(e as Error).message}`] };
    }
  }

  bool(node: ValueNode | undefined): boolean | undefined {
    if (node === undefined) return undefined;
    const r = this.evaluate(node);
    if (!r.known) return undefined;
    if (typeof r.value === 'boolean') return r.value;
    if (typeof r.value === 'string') {
      const s = r.value.toLowerCase();
      if (s === 'true') return true;
      if (s === 'false') return false;
    }
    return undefined;
  }

  // ---- EvalContext ----

  hasResource(id: string): boolean {
    // Whether a Ref names a resource: a read of the document beyond the resource being checked (model/reads.ts).
    noteExistsRead(id);
    const r = this.resourceIds;
    r.ids ??= new Set(this.doc.resources.map((x) => x.id));
    return r.ids.has(id);
  }

  evalNode(node: ValueNode | undefined, depth: number): Result {
    if (node === undefined) return known(null, ['absent']);
    // Literal text is returned as written, whatever its length (the length cap is for computed strings).
    if (node.type === 'scalar') return { known: true, value: node.value, vias: [] };
    const cached = this.cache.get(node);
    if (cached) return cached;
    if (depth > MAX_DEPTH) return unknown([TOO_DEEP]);
    const r = this.compute(node, depth);
    // A result cut off by the depth limit depends on where evaluation started: not cached.
    if (r.known || !r.deps.includes(TOO_DEEP)) this.cache.set(node, r);
    return r;
  }

  private compute(node: ValueNode, depth: number): Result {
    switch (node.type) {
      case 'scalar':
        return { known: true, value: node.value, vias: [] };
      case 'list': {
        const out: PlainValue[] = [];
        const vias: string[] = [];
        const deps: string[] = [];
        for (const item of node.items) {
          const r = this.evalNode(item, depth + 1);
          if (!r.known) pushAll(deps, r.deps);
          else if (!r.noValue) {
            out.push(r.value);
            pushAll(vias, r.vias);
          }
        }
        return deps.length > 0 ? unknown(deps) : known(out, vias);
      }
      case 'map': {
        const out: { [k: string]: PlainValue } = {};
        const vias: string[] = [];
        const deps: string[] = [];
        for (const e of node.entries) {
          const r = this.evalNode(e.value, depth + 1);
          if (!r.known) pushAll(deps, r.deps);
          else if (!r.noValue) {
            // defineProperty: a key named "__proto__" must stay a plain key.
            Object.defineProperty(out, e.key, { value: r.value, enumerable: true, writable: true, configurable: true });
            pushAll(vias, r.vias);
          }
        }
        return deps.length > 0 ? unknown(deps) : known(out, vias);
      }
      case 'intrinsic':
        return evalIntrinsic(this, node, depth + 1);
      case 'expr':
        return evalExprNode(this, node, depth + 1);
    }
  }

  condition(name: string, depth: number): Result {
    const cached = this.conditions.get(name);
    if (cached) return cached;
    const key = `condition:${name}`;
    if (this.visiting.has(key)) return unknown([`condition ${name} (refers to itself)`]);
    const node = this.doc.declarations.conditions.get(name);
    if (!node) return unknown([`condition ${name} (not declared)`]);
    this.visiting.add(key);
    let r: Result;
    try {
      r = conditionArg(this, node, depth + 1);
      if (r.known) r = known(truthy(r.value), r.vias);
    } finally {
      this.visiting.delete(key);
    }
    this.conditions.set(name, r);
    return r;
  }

  local(name: string, depth: number): Result {
    const cached = this.locals.get(name);
    if (cached) return cached;
    const key = `local:${name}`;
    if (this.visiting.has(key)) return unknown([`local ${name} (refers to itself)`]);
    const node = this.doc.declarations.locals.get(name);
    if (!node) return unknown([`local ${name} (not declared)`]);
    this.visiting.add(key);
    let r: Result;
    try {
      r = this.evalNode(node, depth + 1);
    } finally {
      this.visiting.delete(key);
    }
    this.locals.set(name, r);
    return r;
  }

  // ---- structural resolution ----

  private resolveNode(node: ValueNode, depth: number, vias: readonly string[]): Resolution {
    if (depth > MAX_DEPTH) return { known: false, dependsOn: [TOO_DEEP] };
    if (node.type === 'intrinsic') {
      const r = this.resolveIntrinsic(node, depth, vias);
      if (r) return r;
    } else if (node.type === 'expr') {
      const r = this.resolveExpr(node, depth, vias);
      if (r) return r;
    } else {
      return resolved(node, vias);
    }
    // Anything else: compute it, and stand the value at the expression's place.
    const e = withVia(this.evalNode(node, depth), vias);
    if (!e.known) return { known: false, dependsOn: e.deps };
    if (e.noValue) return resolved(nullAt(node.span), e.vias);
    return resolved(plainToNode(e.value, node.span), e.vias);
  }

  private resolveIntrinsic(node: IntrinsicNode, depth: number, vias: readonly string[]): Resolution | undefined {
    if (node.fn === 'Fn::If' && node.arg.type === 'list' && node.arg.items.length === 3) {
      const nameNode = asScalar(node.arg.items[0]);
      if (!nameNode || typeof nameNode.value !== 'string') return undefined;
      const c = this.condition(nameNode.value, depth + 1);
      if (!c.known) return { known: false, dependsOn: [`condition ${nameNode.value}`, ...c.deps] };
      const chosen = truthy(c.value);
      return this.resolveNode(node.arg.items[chosen ? 1 : 2], depth + 1, [...vias, `condition ${nameNode.value} is ${chosen}`, ...c.vias]);
    }
    if (node.fn === 'Ref') {
      const name = asScalar(node.arg)?.value;
      if (name === NO_VALUE) return resolved(nullAt(node.span), [...vias, NO_VALUE]);
      const param = typeof name === 'string' ? this.doc.declarations.parameters.get(name) : undefined;
      const def = get(param?.node, 'Default');
      // A value a caller passes (nested stack Parameters) is computed and stood at the reference, below.
      if (param && def && def.type === 'scalar' && (typeof name !== 'string' || this.inputs?.value(name) === undefined)) {
        const r = this.evalNode(node, depth + 1);
        if (!r.known) return { known: false, dependsOn: r.deps };
        // A list parameter's value differs from its default's text: stand the computed list at the reference.
        if (Array.isArray(r.value)) return resolved(plainToNode(r.value, node.span), [...vias, ...r.vias]);
        return foreign(resolved(def, [...vias, ...r.vias]));
      }
    }
    if (node.fn === 'Fn::FindInMap' && node.arg.type === 'list') {
      const [m, a, b] = node.arg.items.map((i) => this.evalNode(i, depth + 1));
      if (m?.known && a?.known && b?.known) {
        const value = get(asMap(get(this.doc.declarations.mappings.get(String(m.value)), String(a.value))), String(b.value));
        if (value) return foreign(this.resolveNode(value, depth + 1, [...vias, `mapping ${String(m.value)}.${String(a.value)}.${String(b.value)}`, ...m.vias, ...a.vias, ...b.vias]));
      }
    }
    return undefined;
  }

  private resolveExpr(node: ExprNode, depth: number, vias: readonly string[]): Resolution | undefined {
    const ast = exprAst(node);
    if (!ast || ast.kind !== 'traversal' || ast.steps.length !== 1 || ast.steps[0].kind !== 'attr') return undefined;
    const name = ast.steps[0].name;
    if (ast.root.name === 'var') {
      // A value assigned outside the declaration (tfvars, a caller's argument) is computed and stood at the reference.
      if (this.inputs?.value(name) !== undefined) return undefined;
      const def = variableDefault(this, name);
      const r = variable(this, name, depth + 1);
      if (!r.known) return { known: false, dependsOn: r.deps };
      if (def && def.type !== 'expr') return foreign(resolved(def, [...vias, ...r.vias]));
      return undefined;
    }
    if (ast.root.name === 'local') {
      const target = this.doc.declarations.locals.get(name);
      const key = `resolve-local:${name}`;
      if (!target) return { known: false, dependsOn: [`local ${name} (not declared)`] };
      if (this.visiting.has(key)) return { known: false, dependsOn: [`local ${name} (refers to itself)`] };
      this.visiting.add(key);
      try {
        return foreign(this.resolveNode(target, depth + 1, vias));
      } finally {
        this.visiting.delete(key);
      }
    }
    return undefined;
  }
}

function foreign(r: Resolution): Resolution {
  return r.known ? { ...r, foreign: true } : r;
}

function resolved(node: ValueNode, vias: readonly string[]): Resolution {
  if (vias.length === 0) return { known: true, node };
  const via = [...new Set(vias)].join('; ');
  return via ? { known: true, node, via } : { known: true, node };
}

function nullAt(span: Span): ValueNode {
  return { type: 'scalar', span, value: null };
}

keepShape(new Engine(emptyDocument('cloudformation', false), 'known', undefined, undefined));
