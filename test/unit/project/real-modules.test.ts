/**
 * A real multi-file, multi-module project read as Terraform reads it: terraform-aws-vpc (nested modules, examples that
 * call the root by `../../`, wrappers that call modules with `for_each`), from ../shared/data/modules.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fileReport } from '../../../server/src/core/present/report';
import { TerraformProject } from '../../../server/src/core/project/terraform-project';
import { NodeProjectFs, toProjectPath } from '../../../server/src/node/node-fs';
import { ROOT } from '../helpers';

const VPC = toProjectPath(path.join(ROOT, '..', 'shared', 'data', 'modules', 'terraform-aws-vpc'));

function tfDirs(dir: string, out: string[] = []): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name.endsWith('.tf'))) out.push(dir);
  for (const e of entries) if (e.isDirectory()) tfDirs(`${dir}/${e.name}`, out);
  return out;
}

describe('terraform-aws-vpc, every folder a module', () => {
  assert.ok(fs.existsSync(VPC), `${VPC} is missing: the shared data must sit beside the project`);
  const dirs = tfDirs(VPC);
  const project = new TerraformProject({ fs: new NodeProjectFs([VPC], 10 * 1048576) });
  project.indexDirs(dirs);

  it('reads every folder without a syntax error or a throw', () => {
    let files = 0;
    for (const d of dirs) {
      const m = project.analyzeModule(d);
      for (const [p, a] of m.files) {
        files++;
        assert.deepEqual(a.doc.syntaxErrors, [], p);
      }
    }
    assert.ok(dirs.length >= 19 && files >= 77, `${dirs.length} folders, ${files} files`);
  });

  it('the root module is called by its examples: what they set depends on the caller', () => {
    const root = project.analyzeModule(VPC);
    assert.equal(root.called, true);
    assert.match(root.variables.get('cidr')?.caller ?? '', /^set by the caller: module\.vpc in examples\//);
  });

  it('examples/simple creates the VPC, not the subnets it gives no CIDRs for; undecided counts stay one block', () => {
    const a = project.analyzeFile(`${VPC}/examples/simple/main.tf`)!;
    const text = fs.readFileSync(`${VPC}/examples/simple/main.tf`, 'utf8');
    const r = fileReport(`${VPC}/examples/simple/main.tf`, text, a);
    const byName = new Map(r.resources.map((x) => [x.name, x]));
    assert.ok(byName.has('module.vpc.aws_vpc.this[0]'));
    assert.equal(byName.get('module.vpc.aws_subnet.public')?.created, false, 'public_subnets is not set: count = 0');
    // private_subnets come from the AZs of a data source: not decided by the files.
    assert.ok(byName.has('module.vpc.aws_subnet.private') && byName.get('module.vpc.aws_subnet.private')?.created === undefined);
  });

  it('examples/outpost: network ACL rules open to SSH and RDP, reported at the argument that passes them, one per port', () => {
    const file = `${VPC}/examples/outpost/main.tf`;
    const text = fs.readFileSync(file, 'utf8');
    const a = project.analyzeFile(file)!;
    const acl = a.findings.filter((f) => f.ruleId === 'network-acl-open-admin-ports');
    const line = text.split('\n').findIndex((l) => /^\s*outpost_inbound_acl_rules\s*=/.test(l));
    assert.deepEqual(
      acl.filter((f) => f.severity === 'warning').map((f) => [f.resource, text.slice(0, f.span.start).split('\n').length - 1, /port (\d+)/i.exec(f.message)?.[1]]),
      [
        ['module.vpc.aws_network_acl_rule.outpost_inbound[2]', line, '22'],
        ['module.vpc.aws_network_acl_rule.outpost_inbound[3]', line, '3389'],
      ],
    );
    // The default network ACL's rules come from the module's `dynamic "ingress"` over its variable's default (allow all
    // from 0.0.0.0/0 and ::/0): read as the blocks they make, Information, at the call that takes the default.
    const call = text.split('\n').findIndex((l) => /^module "vpc"/.test(l));
    assert.deepEqual(
      acl.filter((f) => f.severity !== 'warning').map((f) => [f.resource, f.severity, text.slice(0, f.span.start).split('\n').length - 1, /allowed in from (\S+) by/.exec(f.message)?.[1]]),
      [
        ['module.vpc.aws_default_network_acl.this[0]', 'information', call, '0.0.0.0/0'],
        ['module.vpc.aws_default_network_acl.this[0]', 'information', call, '::/0'],
      ],
    );
  });

  it('examples/flow-log: the VPC of module.vpc gets its flow logs from the flow-log modules called beside it: unknown, not a gap', () => {
    const a = project.analyzeFile(`${VPC}/examples/flow-log/main.tf`)!;
    assert.deepEqual(a.findings.filter((f) => f.ruleId === 'vpc-flow-logs'), []);
    const vpc = a.modules!.find((m) => m.call.name === 'vpc')!.instances[0].analysis.resources.find((r) => r.resource.id === 'module.vpc.aws_vpc.this')!;
    const duty = vpc.duties.find((d) => d.duty === 'network-configuration')!;
    assert.equal(duty.status, 'unknown');
    const outcome = duty.results.find((r) => r.rule.id === 'vpc-flow-logs')!.outcome;
    assert.ok(outcome.dependsOn?.some((d) => /^aws_flow_log in module\.flow_log\w*, which may name it/.test(d)), String(outcome.dependsOn));
  });

  it('examples/simple and examples/issues: no flow log can name their VPCs (the module’s own flow log targets its own VPC): the gap stays', () => {
    for (const [example, vpcs] of [['simple', 1], ['issues', 3]] as const) {
      const a = project.analyzeFile(`${VPC}/examples/${example}/main.tf`)!;
      assert.equal(a.findings.filter((f) => f.ruleId === 'vpc-flow-logs').length, vpcs, example);
    }
  });

  it('wrappers: a for_each over an empty map creates no module instance', () => {
    const a = project.analyzeFile(`${VPC}/wrappers/main.tf`)!;
    const call = a.modules!.find((m) => m.call.name === 'wrapper')!;
    assert.deepEqual(call.instances, []);
    assert.match(call.expansion ?? '', /for_each over 0 keys/);
  });
});
