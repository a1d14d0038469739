/**
 * Which CloudFormation outputs the output rules need to read. Every analysis (each keystroke) reaches the outputs, as it
 * reaches Terraform provider blocks; a template may have up to 200 of them (hostile ones thousands), and most show ids
 * and ARNs. What an output could show of a secret is summarised once per definition node (a reused YAML chunk, an
 * unchanged JSON output keep theirs): literal text that may hold a key, the parameters and mappings it reads, a
 * `SecretAccessKey` attribute. An output whose summary can show nothing of the sort is not read by the rules.
 */
import type { ParsedDocument, Resource, ValueNode } from '../model/types';
import { walk } from '../values/links';

interface Screen {
  /** Literal text that may hold a key or a resolved secret, `Fn::FindInMap`, or `GetAtt X.SecretAccessKey`: always read. */
  readonly always: boolean;
  /** Names it refers to (`Ref`, `${Name}` in `Fn::Sub`): read when one is a parameter of the template. */
  readonly names: readonly string[];
}

const SCREENS = new WeakMap<object, Screen>();
const SUSPECT_TEXT = /AKIA|ASIA|-----BEGIN|LS0tLS1CRUdJTi|\{\{resolve:secretsmanager:/;
const SUB_NAME = /\$\{([A-Za-z0-9_:]+)(?:\.[A-Za-z0-9_.]+)?\}/g;

function screenOf(def: ValueNode): Screen {
  let s = SCREENS.get(def);
  if (s) return s;
  let always = false;
  const names: string[] = [];
  walk(def, (n) => {
    if (always || names.length > 50) return;
    if (n.type === 'scalar') {
      if (typeof n.value === 'string' && SUSPECT_TEXT.test(n.value)) always = true;
      return;
    }
    if (n.type !== 'intrinsic') return;
    if (n.fn === 'Fn::FindInMap') always = true;
    else if (n.fn === 'Ref' && n.arg.type === 'scalar' && typeof n.arg.value === 'string') names.push(n.arg.value);
    else if (n.fn === 'Fn::GetAtt') {
      const target = n.arg.type === 'scalar' ? String(n.arg.value) : n.arg.type === 'list' ? n.arg.items.map((i) => (i.type === 'scalar' ? String(i.value) : '')).join('.') : '';
      if (target.endsWith('.SecretAccessKey')) always = true;
    } else if (n.fn === 'Fn::Sub') {
      const tpl = n.arg.type === 'list' ? n.arg.items[0] : n.arg;
      if (tpl?.type === 'scalar' && typeof tpl.value === 'string') {
        if (tpl.value.includes('.SecretAccessKey}')) always = true;
        for (const m of tpl.value.matchAll(SUB_NAME)) names.push(m[1]);
      }
    }
  });
  s = { always: always || names.length > 50, names };
  SCREENS.set(def, s);
  return s;
}

/** Whether the output rules may find something in this output (false: they would all say met). */
export function outputMayShowSecret(output: Resource, doc: ParsedDocument): boolean {
  const def = output.definition;
  if (!def) return false;
  const s = screenOf(def);
  if (s.always) return true;
  const params = doc.declarations.parameters;
  for (let i = 0; i < s.names.length; i++) if (params.has(s.names[i])) return true;
  return false;
}
