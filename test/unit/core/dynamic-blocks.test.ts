/** Terraform `dynamic` blocks read as the blocks they make (core/dynamic-blocks.ts), in the rules and across edits. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, DocumentAnalyzer } from '../../../server/src/core/document';
import type { Analysis, Finding } from '../../../server/src/core/analyze';
import { expandDynamicBlocks } from '../../../server/src/core/dynamic-blocks';
import { createEvaluator } from '../../../server/src/core/values/evaluator';
import { parseTemplateFile } from '../../../server/src/core/document';
import { getAll } from '../../../server/src/core/model/nodes';

function statuses(a: Analysis, rule: string): string[] {
  return a.resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === rule).map((x) => `${r.resource.id}:${x.outcome.status}`)));
}
function findings(a: Analysis, rule: string): Finding[] {
  return a.findings.filter((f) => f.ruleId === rule);
}
const at = (text: string, f: Finding): string => text.slice(f.span.start, f.span.end);

/** A security group whose ingress rules come from `forEach` through `dynamic "ingress"` (iterator `it` when given). */
function group(name: string, forEach: string, iterator?: string): string {
  const v = iterator ?? 'ingress';
  return `resource "aws_security_group" "${name}" {
  name = "${name}"
  dynamic "ingress" {
    for_each = ${forEach}${iterator ? `\n    iterator = ${iterator}` : ''}
    content {
      from_port   = ${v}.value.port
      to_port     = ${v}.value.port
      protocol    = "tcp"
      cidr_blocks = [${v}.value.cidr]
    }
  }
}
`;
}

describe('dynamic blocks (core/dynamic-blocks.ts)', () => {
  it('a list, a map and an iterator: each element makes a block, its attributes read at their place in content', () => {
    const t = `variable "rules" {
  default = [{ port = 22, cidr = "0.0.0.0/0" }, { port = 443, cidr = "0.0.0.0/0" }]
}
locals {
  admin = { rdp = { port = 3389, cidr = "0.0.0.0/0" }, ssh = { port = 22, cidr = "10.0.0.0/8" } }
}
${group('listed', 'var.rules')}${group('mapped', 'local.admin', 'rule')}${group('inside', '[{ port = 22, cidr = "10.0.0.0/8" }]')}`;
    const a = analyzeText('main.tf', t);
    assert.deepEqual(statuses(a, 'security-group-open-ingress'), ['aws_security_group.listed:gap', 'aws_security_group.mapped:gap', 'aws_security_group.inside:met']);
    const fs = findings(a, 'security-group-open-ingress');
    assert.deepEqual(
      fs.map((f) => [f.resource, f.message.slice(0, f.message.indexOf(' —'))]),
      [
        ['aws_security_group.listed', 'Port 22 (SSH) open to 0.0.0.0/0 in `listed`'],
        ['aws_security_group.mapped', 'Port 3389 (RDP) open to 0.0.0.0/0 in `mapped`'],
      ],
    );
    // Reported where the CIDR is written in content.
    assert.equal(at(t, fs[0]), '[ingress.value.cidr]');
    assert.equal(at(t, fs[1]), '[rule.value.cidr]');
  });

  it('for_each the files do not decide, or over nothing: unknown, or no block', () => {
    const t = `variable "given" {}
variable "none" {
  default = null
}
${group('given', 'var.given')}${group('none', 'var.none')}${group('empty', 'toset([])')}`;
    const a = analyzeText('main.tf', t);
    assert.deepEqual(statuses(a, 'security-group-open-ingress'), ['aws_security_group.given:unknown', 'aws_security_group.none:not-applicable', 'aws_security_group.empty:not-applicable']);
  });

  it('nested dynamic blocks see the outer iterator; per-instance bindings (count) reach content', () => {
    const t = `resource "aws_instance" "web" {
  count = 2
  ami   = "ami-1"
  dynamic "metadata_options" {
    for_each = [count.index == 0 ? "required" : "optional"]
    content {
      http_tokens = metadata_options.value
    }
  }
}
resource "aws_launch_template" "lt" {
  dynamic "block_device_mappings" {
    for_each = ["/dev/sdb"]
    content {
      device_name = block_device_mappings.value
      dynamic "ebs" {
        for_each = [block_device_mappings.value == "/dev/sdb" ? false : true]
        content {
          encrypted = ebs.value
        }
      }
    }
  }
}
`;
    const a = analyzeText('main.tf', t);
    const imds = findings(a, 'ec2-imdsv2-required').filter((f) => f.resource.startsWith('aws_instance.'));
    assert.equal(imds.length, 1);
    assert.match(imds[0].message, /`web\[1\]`/);
    assert.equal(at(t, imds[0]), 'metadata_options.value');
    const ebs = findings(a, 'launch-template-block-device-encryption');
    assert.equal(ebs.length, 1);
    assert.match(ebs[0].message, /\/dev\/sdb/);
    assert.equal(at(t, ebs[0]), 'ebs.value');
  });

  it('a finding in a made block carries no one-value fix (the edit belongs in the collection); links still reach the resource', () => {
    const t = `resource "aws_instance" "i" {
  ami = "ami-1"
  dynamic "metadata_options" {
    for_each = ["optional"]
    content {
      http_tokens = metadata_options.value
    }
  }
}
resource "aws_instance" "plain" {
  ami = "ami-1"
  metadata_options {
    http_tokens = "optional"
  }
}
resource "aws_security_group" "lb" {
  dynamic "ingress" {
    for_each = [22]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
resource "aws_lb" "front" {
  security_groups = [aws_security_group.lb.id]
}
`;
    const a = analyzeText('main.tf', t);
    const [dyn, plain] = findings(a, 'ec2-imdsv2-required');
    assert.equal(dyn.fix, undefined);
    assert.deepEqual(plain.fix?.path, ['metadata_options', 'http_tokens']);
    // The group's load balancer is found through the links of the group itself.
    assert.match(findings(a, 'security-group-open-ingress')[0].message, /of load balancer `front` — allow only the listener ports/);
    // The analysis keeps the resource as written (hover, symbols and edits read its own nodes).
    const ra = a.resources.find((r) => r.resource.id === 'aws_instance.i');
    assert.equal(getAll(ra?.resource.properties, 'metadata_options').length, 0);
  });

  it('leaves a body without decidable dynamic blocks as the same object', () => {
    const t = `variable "x" {}\n${group('g', 'var.x')}resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n`;
    const doc = parseTemplateFile('main.tf', t) ?? (new DocumentAnalyzer('terraform').parse(t));
    const values = createEvaluator(doc);
    for (const r of doc.resources) assert.equal(expandDynamicBlocks(r, values, undefined).resource, r, r.id);
  });

  it('equals a fresh analysis after each edit of what a dynamic block depends on', () => {
    const original = `variable "rules" {
  default = [{ port = 443, cidr = "10.0.0.0/8" }]
}
${group('g', 'var.rules')}`;
    const steps: [string, string][] = [
      ['cidr = "10.0.0.0/8"', 'cidr = "0.0.0.0/0"'],
      ['port = 443', 'port = 22'],
      ['for_each = var.rules', 'for_each = []'],
      ['for_each = []', 'for_each = var.missing'],
    ];
    const analyzer = new DocumentAnalyzer('terraform', { editing: true });
    let text = original;
    const seen: string[] = [statuses(analyzer.analyze(text), 'security-group-open-ingress')[0]];
    for (const [from, to] of steps) {
      assert.ok(text.includes(from), from);
      text = text.replace(from, to);
      const inc = analyzer.analyze(text);
      const fresh = analyzeText('main.tf', text);
      assert.deepEqual(
        [statuses(inc, 'security-group-open-ingress'), inc.findings.map((f) => [f.message, f.span.start, f.span.end])],
        [statuses(fresh, 'security-group-open-ingress'), fresh.findings.map((f) => [f.message, f.span.start, f.span.end])],
        `after ${from} → ${to}`,
      );
      seen.push(statuses(inc, 'security-group-open-ingress')[0]);
    }
    assert.deepEqual(seen, ['aws_security_group.g:met', 'aws_security_group.g:met', 'aws_security_group.g:gap', 'aws_security_group.g:not-applicable', 'aws_security_group.g:unknown']);
  });
});

describe('dynamic blocks of another resource a rule reads', () => {
  it("a DocumentDB cluster's parameter group whose parameters come from a dynamic block", () => {
    const group = (name: string, forEach: string): string => `resource "aws_docdb_cluster_parameter_group" "${name}" {
  family = "docdb5.0"
  dynamic "parameter" {
    for_each = ${forEach}
    content {
      name  = parameter.key
      value = parameter.value
    }
  }
}
resource "aws_docdb_cluster" "${name}" {
  enabled_cloudwatch_logs_exports = ["audit"]
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.${name}.name
}
`;
    const t = `variable "given" {}
${group('on', '{ audit_logs = "enabled", tls = "enabled" }')}${group('off', '{ audit_logs = "disabled" }')}${group('given', 'var.given')}`;
    const a = analyzeText('main.tf', t);
    assert.deepEqual(statuses(a, 'docdb-neptune-audit-logs'), ['aws_docdb_cluster.on:met', 'aws_docdb_cluster.off:gap', 'aws_docdb_cluster.given:unknown']);
    assert.match(findings(a, 'docdb-neptune-audit-logs')[0].message, /its parameter group `off` leaves auditing off \(`audit_logs` is disabled\)/);
  });
});
