import type { IntrinsicNode, MapNode, ValueNode } from '../model/types';

/** CloudFormation short-form tags and the long-form function each stands for. */
export const SHORT_FORM_TAGS: ReadonlyMap<string, string> = new Map([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ['!GetAtt', 'Fn::GetAtt'],
  ['!Sub', 'Fn::Sub'],
  ['!Join', 'Fn::Join'],
  ['!If', 'Fn::If'],
  ['!Select', 'Fn::Select'],
  ['!Split', 'Fn::Split'],
  ['!FindInMap', 'Fn::FindInMap'],
  ['!Base64', 'Fn::Base64'],
  ['!Cidr', 'Fn::Cidr'],
  ['!ImportValue', 'Fn::ImportValue'],
  ['!GetAZs', 'Fn::GetAZs'],
  ['!Equals', 'Fn::Equals'],
  ['!And', 'Fn::And'],
  ['!Or', 'Fn::Or'],
  ['!Not', 'Fn::Not'],
  ['!Transform', 'Fn::Transform'],
  ['!Length', 'Fn::Length'],
  ['!ToJsonString', 'Fn::ToJsonString'],
  ['!ForEach', 'Fn::ForEach'],
  ['!ValueOf', 'Fn::ValueOf'],
  ['!EachMemberEquals', 'Fn::EachMemberEquals'],
  ['!EachMemberIn', 'Fn::EachMemberIn'],
  ['!RefAll', 'Fn::RefAll'],
  ['!ValueOfAll', 'Fn::ValueOfAll'],
  ['!Contains', 'Fn::Contains'],
]);

/** A long-form intrinsic written as a one-key mapping (`{"Ref": "X"}`, `Fn::If: [...]`) becomes an IntrinsicNode. */
export function normalizeLongForm(map: MapNode): ValueNode {
  if (map.entries.length !== 1) return map;
  const e = map.entries[0];
  if (e.key === 'Ref' || e.key.startsWith('Fn::')) {
    const node: IntrinsicNode = { type: 'intrinsic', span: map.span, fn: e.key, arg: e.value };
    return node;
  }
  return map;
}
