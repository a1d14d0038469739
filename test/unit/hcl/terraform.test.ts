import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { get, getAll } from '../../../server/src/core/model/nodes';
import type { MapNode } from '../../../server/src/core/model/types';
import { parseTerraform, parseTerraformFile } from '../../../server/src/core/parse/terraform';
import { slice } from './helpers';

const TEXT = `# file comment
terraform {
  required_version = ">= 1.0"
}

provider "aws" {
  region = "eu-west-1"
  alias  = "ireland"
}

variable "env" {
  type    = string
  default = "prod"
}

locals {
  name = "app-\${var.env}"
  n    = 3
}

resource "aws_s3_bucket" "logs" {
  bucket = local.name
  tags   = { Env = var.env }
}

resource "aws_security_group" "sg" {
  name = "sg"
  ingress {
    from_port = 443
  }
  ingress {
    from_port = 80
  }
  dynamic "egress" {
    for_each = var.rules
    content {
      cidr_blocks = [egress.value]
    }
  }
}

resource "google_storage_bucket" "g" {
  policy = <<EOF
{"a": 1}
EOF
  doc = data.aws_iam_policy_document.p.json
}

data "aws_iam_policy_document" "p" {
  statement {
    actions = ["s3:*"]
  }
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  cidr   = module.other.cidr
}

output "id" {
  value = aws_s3_bucket.logs.id
}
`;

describe('parseTerraform', () => {
  const doc = parseTerraform(TEXT);

  it('is a terraform template without errors; comments collected', () => {
    assert.equal(doc.language, 'terraform');
    assert.equal(doc.isTemplate, true);
    assert.deepEqual(doc.syntaxErrors, []);
    assert.deepEqual(
      doc.comments.map((c) => c.text),
      [' file comment'],
    );
  });

  it('returns resources, data sources and modules of every provider with exact spans', () => {
    assert.deepEqual(
      doc.resources.map((r) => [r.id, r.mode, r.type, r.name]),
      [
        ['aws_s3_bucket.logs', 'resource', 'aws_s3_bucket', 'logs'],
        ['aws_security_group.sg', 'resource', 'aws_security_group', 'sg'],
        ['google_storage_bucket.g', 'resource', 'google_storage_bucket', 'g'],
        ['data.aws_iam_policy_document.p', 'data', 'aws_iam_policy_document', 'p'],
        ['module.vpc', 'module', 'terraform-aws-modules/vpc/aws', 'vpc'],
      ],
    );
    for (const r of doc.resources) {
      assert.equal(slice(TEXT, r.typeSpan), r.type);
      assert.equal(slice(TEXT, r.nameSpan), r.name);
      const whole = slice(TEXT, r.span);
      assert.ok(whole.startsWith(r.mode === 'resource' ? 'resource "' : r.mode === 'data' ? 'data "' : 'module "'), whole);
      assert.ok(whole.endsWith('}'));
      assert.ok(r.properties);
      assert.equal(slice(TEXT, r.properties.span)[0], '{');
    }
    const bucket = doc.resources[0];
    assert.equal(slice(TEXT, bucket.span), 'resource "aws_s3_bucket" "logs" {\n  bucket = local.name\n  tags   = { Env = var.env }\n}');
  });

  it('converts bodies: attributes, repeated nested blocks, dynamic blocks', () => {
    const sg = doc.resources[1].properties as MapNode;
    const ingress = getAll(sg, 'ingress');
    assert.equal(ingress.length, 2);
    assert.deepEqual(
      ingress.map((i) => (get(i as MapNode, 'from_port') as { value: unknown }).value),
      [443, 80],
    );
    const ingressEntry = sg.entries.find((e) => e.key === 'ingress');
    assert.equal(ingressEntry?.block, true);
    assert.equal(sg.entries.find((e) => e.key === 'name')?.block, false);
    const dyn = sg.entries.find((e) => e.key === 'dynamic');
    assert.ok(dyn);
    assert.deepEqual(dyn.labels, ['egress']);
    assert.equal(dyn.block, true);
    const content = get(dyn.value as MapNode, 'content') as MapNode;
    const cidr = get(content, 'cidr_blocks');
    assert.ok(cidr?.type === 'list');
    assert.deepEqual(cidr.items[0].type === 'expr' ? cidr.items[0].refs : [], ['egress.value']);
  });

  it('converts expressions: scalars, expr with refs, heredoc literal', () => {
    const bucket = doc.resources[0].properties as MapNode;
    const b = get(bucket, 'bucket');
    assert.ok(b?.type === 'expr');
    assert.equal(b.text, 'local.name');
    assert.deepEqual(b.refs, ['local.name']);
    const tags = get(bucket, 'tags');
    assert.ok(tags?.type === 'map');
    const env = get(tags, 'Env');
    assert.ok(env?.type === 'expr' && env.refs[0] === 'var.env');
    const g = doc.resources[2].properties as MapNode;
    const policy = get(g, 'policy');
    assert.ok(policy?.type === 'scalar');
    assert.equal(policy.value, '{"a": 1}\n');
    const docRef = get(g, 'doc');
    assert.ok(docRef?.type === 'expr');
    assert.deepEqual(docRef.refs, ['data.aws_iam_policy_document.p.json']);
    const mod = doc.resources[4].properties as MapNode;
    const cidr = get(mod, 'cidr');
    assert.ok(cidr?.type === 'expr' && cidr.refs[0] === 'module.other.cidr');
    assert.equal(slice(TEXT, doc.resources[4].typeSpan), 'terraform-aws-modules/vpc/aws');
  });

  it('declares variables and locals', () => {
    const env = doc.declarations.parameters.get('env');
    assert.ok(env);
    assert.equal((get(env.node, 'default') as { value: unknown }).value, 'prod');
    assert.ok(slice(TEXT, env.span).startsWith('variable "env"'));
    const name = doc.declarations.locals.get('name');
    assert.ok(name?.type === 'expr');
    assert.deepEqual(name.refs, ['var.env']);
    assert.equal((doc.declarations.locals.get('n') as { value: unknown }).value, 3);
  });

  it('records providers (with alias) and outputs', () => {
    const full = parseTerraformFile(TEXT);
    assert.deepEqual(
      full.providers.map((p) => [p.name, p.alias, p.ref]),
      [['aws', 'ireland', 'aws.ireland']],
    );
    assert.deepEqual(
      full.outputs.map((o) => o.name),
      ['id'],
    );
  });

  it('reports resource blocks with a missing label', () => {
    const d = parseTerraform('resource "aws_s3_bucket" {\n}\n');
    assert.equal(d.resources.length, 0);
    assert.equal(d.syntaxErrors.length, 1);
    assert.match(d.syntaxErrors[0].message, /needs 2 labels/);
  });
});
