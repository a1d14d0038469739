import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTerraform } from '../../../server/src/core/parse/terraform';
import { modelOwner } from '../../../server/src/core/rules/message';
import type { RuleContext } from '../../../server/src/core/rules/rule-api';
import { createEvaluator } from '../../../server/src/core/values/evaluator';
import { buildLinks } from '../../../server/src/core/values/links';
import type { ParsedDocument } from '../../../server/src/core/model/types';

const text = (engine: string): string =>
  `variable "engine" {\n  default = "${engine}"\n}\nresource "aws_db_instance" "db" {\n  engine = var.engine\n}\n`;

function ctxFor(doc: ParsedDocument): RuleContext {
  return { doc, values: createEvaluator(doc), links: buildLinks(doc), describe: (r) => ({ serviceName: r.type, kind: 'managed' }) };
}

test('the owner named in a message follows the values of the analysis asking, not an earlier one', () => {
  // The same resource object (the incremental parser keeps unchanged blocks) under two versions of the variable it reads.
  const before = parseTerraform(text('postgres'));
  const after = parseTerraform(text('custom-oracle-ee'));
  const db = before.resources[0];
  assert.equal(modelOwner(ctxFor(before), db, 'operating-system-configuration'), 'aws');
  // RDS Custom: the operating system is shared (refinement "rds-custom" in data/classification.json).
  assert.equal(modelOwner(ctxFor({ ...after, resources: [db] }), db, 'operating-system-configuration'), 'shared');
  assert.equal(modelOwner(ctxFor(before), db, 'operating-system-configuration'), 'aws');
});
