/**
 * Which CloudFormation outputs the output rules need to read. Every analysis (each keystroke) reaches the outputs, as it
 * reaches Terraform provider blocks; a template may have up to 200 of them (hostile ones thousands), and most show ids
 * and ARNs. What an output could show of a secret is summarised once per definition node (a reused YAML chunk, an
 * unchanged JSON output keep theirs): literal text that may hold a key, the parameters and mappings it reads, a
 * `SecretAccessKey` attribute. An output whose summary can show nothing of the sort is not read by the rules.
 */
import type { ParsedDocument, Resource, ValueNode } from '../model/types';
import { cfnRefs, getAttTarget, walk } from '../values/links';

interface Screen {
  /** Literal text that may hold a key or a resolved secret, `Fn::FindInMap`, or `GetAtt X.SecretAccessKey`: always read. */
  readonly always: boolean;
  /** Names it refers to (links.ts cfnRefs: `Ref`, `Fn::GetAtt`, `${Name}` in `Fn::Sub`): read when one is a parameter. */
  readonly names: readonly string[];
}

const SCREENS = new WeakMap<object, Screen>();
const SUSPECT_TEXT = /AKIA|ASIA|-----BEGIN|LS0tLS1CRUdJTi|\{\{resolve:secretsmanager:/;
function screenOf(def: ValueNode): Screen {
  let s = SCREENS.get(def);
  if (s) return s;
  let always = false;
  walk(def, (n) => {
    if (always) return;
    if (n.type === 'scalar') always = typeof n.value === 'string' && SUSPECT_TEXT.test(n.value);
    else if (n.type === 'intrinsic') {
      if (n.fn === 'Fn::FindInMap' || getAttTarget(n)?.attribute === 'SecretAccessKey') always = true;
      else if (n.fn === 'Fn::Sub') {
        const tpl = n.arg.type === 'list' ? n.arg.items[0] : n.arg;
        always = tpl?.type === 'scalar' && typeof tpl.value === 'string' && tpl.value.includes('.SecretAccessKey}');
      }
    }
  });
  s = { always, names: always ? [] : [...cfnRefs(def)] };
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
