/** Terraform read as Terraform reads it: a folder is a module; tfvars; module calls with their arguments; instances. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Analysis, Finding } from '../../../server/src/core/analyze';
import { hoverAt } from '../../../server/src/core/present/hover';
import { fileReport } from '../../../server/src/core/present/report';
import { memoryFs } from '../../../server/src/core/project/project-fs';
import { TerraformProject, type RootInput } from '../../../server/src/core/project/terraform-project';
import { parseTfvars, parseVarOption } from '../../../server/src/core/project/tfvars';
import { NodeProjectFs, toProjectPath } from '../../../server/src/node/node-fs';

const FIXTURES = toProjectPath(path.join(__dirname, 'fixtures'));

function project(root = FIXTURES, rootInputs: RootInput[] = []): TerraformProject {
  const p = new TerraformProject({ fs: new NodeProjectFs([root], 10 * 1048576), rootInputs });
  return p;
}

function file(p: TerraformProject, rel: string): Analysis {
  const a = p.analyzeFile(`${FIXTURES}/${rel}`);
  assert.ok(a, `no analysis for ${rel}`);
  return a;
}

function text(rel: string): string {
  return fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
}

/** The finding's place as `rule @ line:text`. */
function where(rel: string, f: Finding): string {
  const t = text(rel);
  const line = t.slice(0, f.span.start).split('\n').length;
  return `${f.ruleId} @ ${line}:${t.slice(f.span.start, f.span.end)}`;
}

/** Hover Markdown as read (backslash escapes removed). */
function md(h: { markdown: string } | undefined): string {
  assert.ok(h, 'no hover');
  return h.markdown.replace(/\\(.)/g, '$1');
}

function findings(a: Analysis, rule?: string): Finding[] {
  return a.findings.filter((f) => rule === undefined || f.ruleId === rule);
}

describe('a module is its folder', () => {
  it('resources split across files link: the bucket is protected by s3.tf, the volume reads variables.tf', () => {
    const p = project();
    const main = file(p, 'split/main.tf');
    assert.deepEqual(main.resources.map((r) => r.resource.id), ['aws_s3_bucket.data', 'aws_ebs_volume.v']);
    // Met in s3.tf: no false gap on the bucket.
    assert.deepEqual(findings(main).map((f) => f.ruleId).filter((r) => r.startsWith('s3-public') || r === 's3-versioning'), []);
    const bucket = main.resources[0];
    const pab = bucket.duties.find((d) => d.duty === 'customer-data')!;
    assert.ok(pab.results.some((r) => r.rule.id === 's3-public-access-block' && r.outcome.status === 'met' && /linked aws_s3_bucket_public_access_block\.data/.test(r.outcome.evidence ?? '')));
    // The volume is unencrypted: var.enc defaults to false in variables.tf.
    assert.deepEqual(findings(main, 'ebs-volume-encryption').map((f) => where('split/main.tf', f)), ['ebs-volume-encryption @ 8:var.enc']);
    // The other files of the module have their own resources and nothing else.
    assert.deepEqual(file(p, 'split/s3.tf').resources.map((r) => r.resource.id), ['aws_s3_bucket_public_access_block.data', 'aws_s3_bucket_versioning.data']);
    assert.deepEqual(file(p, 'split/variables.tf').findings, []);
  });

  it('the hover on the property says where the value comes from', () => {
    const p = project();
    const main = file(p, 'split/main.tf');
    const t = text('split/main.tf');
    assert.match(md(hoverAt(main, t.indexOf('var.enc') + 2)), /Value: `false` \(from variable enc \(default false\)\)/);
  });

  it('an open editor\'s unsaved text wins over the disk, and a change reaches the other files', () => {
    const p = project();
    const vars = `${FIXTURES}/split/variables.tf`;
    p.files.setOverlay(vars, 'variable "enc" {\n  default = true\n}\n');
    assert.deepEqual(findings(file(p, 'split/main.tf'), 'ebs-volume-encryption'), []);
    p.files.setOverlay(vars, undefined);
    assert.equal(findings(file(p, 'split/main.tf'), 'ebs-volume-encryption').length, 1);
  });

  it('variables declared nowhere stay unknown (never a gap)', () => {
    const p = new TerraformProject({ fs: memoryFs({ '/m/main.tf': 'resource "aws_ebs_volume" "v" {\n  availability_zone = "a"\n  encrypted = var.nope\n}\n' }) });
    const a = p.analyzeFile('/m/main.tf')!;
    assert.deepEqual(a.findings, []);
    const sse = a.resources[0].duties.find((d) => d.duty === 'server-side-encryption')!;
    assert.equal(sse.status, 'unknown');
  });
});

describe('variable values as Terraform assigns them', () => {
  it('default < terraform.tfvars < terraform.tfvars.json < *.auto.tfvars in lexical order; prod.tfvars only with -var-file', () => {
    const p = project();
    const a = file(p, 'tfvars/main.tf');
    const enc = (id: string) => a.resources.find((r) => r.resource.id === id)!.duties.find((d) => d.duty === 'server-side-encryption')!.status;
    // a: terraform.tfvars false → gap. b: tfvars.json true wins over terraform.tfvars. c: b.auto.tfvars (false) is last.
    assert.deepEqual([enc('aws_ebs_volume.a'), enc('aws_ebs_volume.b'), enc('aws_ebs_volume.c'), enc('aws_ebs_volume.unset')], ['gap', 'met', 'gap', 'unknown']);
    const t = text('tfvars/main.tf');
    assert.match(md(hoverAt(a, t.indexOf('var.c') + 2)), /variable c = false \(from b\.auto\.tfvars line 1\)/);
  });

  it('--var-file and --var apply after the files, in order, to root modules', () => {
    const prod = parseTfvars(`${FIXTURES}/tfvars/prod.tfvars`, text('tfvars/prod.tfvars'));
    const v = parseVarOption('c=false');
    assert.ok(!('error' in v));
    const p = project(FIXTURES, [{ kind: 'file', file: prod }, { kind: 'var', name: v.name, node: v.node }]);
    const a = file(p, 'tfvars/main.tf');
    const enc = (id: string) => a.resources.find((r) => r.resource.id === id)!.duties.find((d) => d.duty === 'server-side-encryption')!.status;
    assert.deepEqual([enc('aws_ebs_volume.a'), enc('aws_ebs_volume.c')], ['met', 'gap']);
  });

  it('-var values: literals as HCL, anything else as a string; bad options are errors', () => {
    const n = parseVarOption('n=3');
    assert.ok(!('error' in n) && n.node.type === 'scalar' && n.node.value === 3);
    const l = parseVarOption('l=["a","b"]');
    assert.ok(!('error' in l) && l.node.type === 'list');
    const s = parseVarOption('s=hello world');
    assert.ok(!('error' in s) && s.node.type === 'scalar' && s.node.value === 'hello world');
    assert.ok('error' in parseVarOption('novalue'));
    assert.ok('error' in parseVarOption('9bad=1'));
  });

  it('tfvars files: broken ones report errors and never throw; blocks are not assignments', () => {
    const broken = parseTfvars('/x/terraform.tfvars', 'a = [1, 2\nb = "x');
    assert.ok(broken.errors.length > 0);
    const block = parseTfvars('/x/terraform.tfvars', 'resource "a" "b" {}\n');
    assert.match(block.errors[0].message, /only assignments/);
    const json = parseTfvars('/x/terraform.tfvars.json', '[1]');
    assert.match(json.errors[0].message, /JSON object/);
  });
});

describe('module calls', () => {
  it('a gap an argument causes is reported at the argument in the caller, with the address', () => {
    const p = project();
    const main = file(p, 'module-call/main.tf');
    const sse = findings(main, 'ebs-volume-encryption');
    assert.deepEqual(sse.map((f) => where('module-call/main.tf', f)), ['ebs-volume-encryption @ 3:false']);
    assert.equal(sse[0].resource, 'module.storage.aws_ebs_volume.this');
    assert.match(sse[0].message, /`module\.storage\.aws_ebs_volume\.this`/);
    assert.equal(sse[0].at?.id, 'module.storage');
  });

  it('a gap in the module\'s own code is reported once, in the module\'s file', () => {
    const p = project();
    const child = file(p, 'module-call/modules/storage/main.tf');
    assert.deepEqual(findings(child, 'ebs-volume-encryption').map((f) => where('module-call/modules/storage/main.tf', f)), ['ebs-volume-encryption @ 10:false']);
    // Not repeated at the call sites.
    assert.ok(!findings(file(p, 'module-call/main.tf')).some((f) => f.resource.endsWith('aws_ebs_volume.plain')));
  });

  it('inside the module, a variable the callers set depends on the caller (unknown, never a default)', () => {
    const p = project();
    p.indexDirs([`${FIXTURES}/module-call`]);
    const child = file(p, 'module-call/modules/storage/main.tf');
    const sse = child.resources.find((r) => r.resource.id === 'aws_ebs_volume.this')!.duties.find((d) => d.duty === 'server-side-encryption')!;
    assert.equal(sse.status, 'unknown');
    const deps = sse.results.flatMap((r) => r.outcome.dependsOn ?? []).join(' ');
    assert.match(deps, /variable encrypted \(set by the caller: module\.storage in \.\.\/\.\.\/main\.tf, module\.safe in \.\.\/\.\.\/main\.tf\)/);
    const t = text('module-call/modules/storage/main.tf');
    assert.match(md(hoverAt(child, t.indexOf('var.encrypted') + 3)), /depends on the caller — variable encrypted \(set by the caller/);
  });

  it('the JSON report lists each instance\'s resources under their addresses, at the call', () => {
    const p = project();
    const main = file(p, 'module-call/main.tf');
    const report = fileReport(`${FIXTURES}/module-call/main.tf`, text('module-call/main.tf'), main);
    assert.deepEqual(report.resources.map((r) => r.name), [
      'module.storage',
      'module.safe',
      'module.storage.aws_ebs_volume.this',
      'module.storage.aws_ebs_volume.plain',
      'module.safe.aws_ebs_volume.this',
      'module.safe.aws_ebs_volume.plain',
    ]);
    const inst = report.resources.find((r) => r.name === 'module.safe.aws_ebs_volume.this')!;
    assert.equal(inst.duties.find((d) => d.duty === 'server-side-encryption')!.status, 'met');
    assert.equal(report.findings[0].resource, 'module.storage.aws_ebs_volume.this');
  });

  it('the hover on a module call summarises what its instances create', () => {
    const p = project();
    const main = file(p, 'module-call/main.tf');
    const t = text('module-call/main.tf');
    const h = md(hoverAt(main, t.indexOf('"storage"') + 2));
    assert.match(h, /Module `storage`.*local module/);
    assert.match(h, /Creates 2 resources \(2 infrastructure\) · 2 gaps/);
    assert.match(h, /`module\.storage\.aws_ebs_volume\.this`/);
    const arg = md(hoverAt(main, t.indexOf('encrypted = false') + 2));
    assert.match(arg, /Argument `encrypted`/);
    assert.match(arg, /Value: `false`/);
    assert.match(arg, /Volume `module\.storage\.aws_ebs_volume\.this` is not encrypted/);
  });

  it('nested calls through locals: the gap goes up to the first caller that decides it', () => {
    const p = project();
    const root = file(p, 'nested/main.tf');
    const sse = findings(root, 'ebs-volume-encryption');
    assert.deepEqual(sse.map((f) => where('nested/main.tf', f)), ['ebs-volume-encryption @ 3:false']);
    assert.equal(sse[0].resource, 'module.outer.module.inner.aws_ebs_volume.disk');
    // The intermediate and inner modules show nothing of it: their values depend on the caller.
    assert.deepEqual(findings(file(p, 'nested/modules/outer/main.tf')), []);
    assert.deepEqual(findings(file(p, 'nested/modules/inner/main.tf')), []);
  });

  it('a registry module downloaded by terraform init is read from .terraform/modules; its own gaps are shown at the call', () => {
    const p = project();
    const main = file(p, 'registry-downloaded/main.tf');
    const got = findings(main).map((f) => `${f.ruleId} ${f.resource}`).sort();
    assert.ok(got.includes('ebs-volume-encryption module.vpc.aws_ebs_volume.this'), got.join('\n'));
    assert.ok(got.includes('security-group-open-ingress module.vpc.aws_security_group.open'), got.join('\n'));
    const open = findings(main, 'security-group-open-ingress')[0];
    assert.match(open.message, /\(in \.terraform\/modules\/vpc\/main\.tf\)/);
    assert.match(where('registry-downloaded/main.tf', open), /@ 1:vpc$/);
    // The argument that causes the volume's gap takes it.
    assert.match(where('registry-downloaded/main.tf', findings(main, 'ebs-volume-encryption')[0]), /@ 4:false/);
  });

  it('a registry module not downloaded: its resources are unknown and the hover says so', () => {
    const p = project();
    const main = file(p, 'registry-missing/main.tf');
    assert.deepEqual(main.findings.filter((f) => f.resource.startsWith('module.vpc.')), []);
    assert.match(main.modules![0].note!, /not downloaded/);
    const t = text('registry-missing/main.tf');
    assert.match(md(hoverAt(main, t.indexOf('"vpc"') + 2)), /not downloaded/);
  });

  it('inside a module instance, resources link by their module-local addresses (no false gap at the call)', () => {
    const p = new TerraformProject({
      fs: memoryFs({
        '/w/main.tf': 'module "s" {\n  source = "./m"\n}\n',
        '/w/m/main.tf':
          'resource "aws_s3_bucket" "b" {}\nresource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.b.id\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n' +
          'resource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n',
      }),
    });
    assert.deepEqual(p.analyzeFile('/w/main.tf')!.findings, []);
    const inst = p.analyzeFile('/w/main.tf')!.modules![0].instances[0].analysis;
    const bucket = inst.resources.find((r) => r.resource.id === 'module.s.aws_s3_bucket.b')!;
    assert.equal(bucket.duties.find((d) => d.duty === 'customer-data')!.status, 'met');
  });

  it('a module that calls itself is not followed forever', () => {
    const p = new TerraformProject({ fs: memoryFs({ '/c/main.tf': 'module "me" {\n  source = "./"\n}\nmodule "up" {\n  source = "../c"\n}\n' }) });
    const a = p.analyzeFile('/c/main.tf')!;
    assert.match(a.modules![0].note!, /cycle/);
  });
});

describe('count and for_each', () => {
  it('instances per count.index and each.key, with addresses; count = 0 creates nothing; undecided stays one block', () => {
    const p = project();
    const a = file(p, 'instances/main.tf');
    const byId = new Map(a.resources.map((r) => [r.resource.id, r]));
    const counted = byId.get('aws_ebs_volume.counted')!;
    assert.deepEqual(counted.instances!.map((i) => i.resource.id), ['aws_ebs_volume.counted[0]', 'aws_ebs_volume.counted[1]']);
    const each = byId.get('aws_ebs_volume.each')!;
    assert.deepEqual(each.instances!.map((i) => i.resource.id), ['aws_ebs_volume.each["logs"]', 'aws_ebs_volume.each["tmp"]']);
    assert.deepEqual(byId.get('aws_ebs_volume.none')!.instances, []);
    assert.equal(byId.get('aws_ebs_volume.unknown')!.instances, undefined);
    const sse = findings(a, 'ebs-volume-encryption').filter((f) => !f.resource.startsWith('module.'));
    // counted[1] and each["tmp"] are unencrypted; "none" is not created; "unknown" depends on count.index.
    assert.deepEqual(sse.map((f) => f.resource).sort(), ['aws_ebs_volume.counted[1]', 'aws_ebs_volume.each["tmp"]']);
    assert.match(sse.find((f) => f.resource === 'aws_ebs_volume.counted[1]')!.message, /`counted\[1\]`/);
    const t = text('instances/main.tf');
    assert.match(md(hoverAt(a, t.indexOf('"counted"') + 2)), /2 instances \(count = 2\): `counted\[0\]`, `counted\[1\]` · 1 of 2 have gaps/);
    assert.match(md(hoverAt(a, t.indexOf('"none"') + 2)), /Not created by this configuration \(count = 0\)/);
  });

  it('module calls with for_each: one instance per key, the argument evaluated per instance', () => {
    const p = project();
    const a = file(p, 'instances/main.tf');
    const call = a.modules!.find((c) => c.call.name === 'disk')!;
    assert.deepEqual(call.instances.map((i) => i.address), ['module.disk["a"]', 'module.disk["b"]']);
    const sse = findings(a, 'ebs-volume-encryption').filter((f) => f.resource.startsWith('module.'));
    assert.deepEqual(sse.map((f) => f.resource), ['module.disk["b"].aws_ebs_volume.this']);
    assert.match(where('instances/main.tf', sse[0]), /@ 38:each\.key == "a"/);
  });

  it('several instances with the same gap are one finding naming them', () => {
    const p = new TerraformProject({
      fs: memoryFs({ '/n/main.tf': 'resource "aws_ebs_volume" "v" {\n  count = 3\n  availability_zone = "a"\n  encrypted = false\n}\n' }),
    });
    const a = p.analyzeFile('/n/main.tf')!;
    assert.equal(a.findings.length, 1);
    assert.match(a.findings[0].message, /`v` \(all 3 instances\)/);
    assert.equal(a.findings[0].resource, 'aws_ebs_volume.v');
  });
});

describe('module calls: undecided instances, instances with the same gap, called folders', () => {
  const mod = 'variable "public" {\n  default = false\n}\nvariable "tag" {\n  default = ""\n}\nresource "aws_instance" "this" {\n  ami = "ami-1"\n  instance_type = "t3.micro"\n  associate_public_ip_address = var.public\n  metadata_options {\n    http_tokens = "required"\n  }\n  root_block_device {\n    encrypted = true\n  }\n}\n';
  const caller = (meta: string, args = 'public = true'): string => `variable "m" {}\ndata "aws_subnets" "s" {}\nmodule "x" {\n  source = "../mod"\n  ${meta}\n  ${args}\n}\n`;
  const run = (text: string): Analysis => new TerraformProject({ fs: memoryFs({ '/w/mod/main.tf': mod, '/w/c/main.tf': text }) }).analyzeFile('/w/c/main.tf')!;

  it('a count / for_each the files do not decide: the call is analysed once; what depends on the instance stays unknown', () => {
    for (const meta of ['for_each = var.m', 'count = length(data.aws_subnets.s.ids)']) {
      const a = run(caller(meta));
      const call = a.modules!.find((c) => c.call.name === 'x')!;
      assert.deepEqual(call.instances.map((i) => i.address), ['module.x'], meta);
      assert.match(call.note ?? '', /not decided by these files: analysed once/);
      // The argument the caller writes is decided: its gap is reported at the argument.
      assert.deepEqual(findings(a, 'ec2-public-ip').map((f) => f.resource), ['module.x.aws_instance.this'], meta);
    }
    // An argument that reads each.value depends on the instance: unknown, no gap.
    const a = run(caller('for_each = var.m', 'public = each.value'));
    assert.deepEqual(findings(a, 'ec2-public-ip'), []);
  });

  it('instances with the same gap at the same argument are one finding naming the call', () => {
    const a = run(caller('for_each = toset(["a", "b"])'));
    const f = findings(a, 'ec2-public-ip');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /`module\.x\.aws_instance\.this` \(all 2 instances\)/);
    assert.equal(f[0].resource, 'module.x.aws_instance.this');
    // Only some instances: named one by one.
    const some = run(caller('for_each = { a = true, b = false, c = true }', 'public = each.value'));
    const g = findings(some, 'ec2-public-ip');
    assert.equal(g.length, 1);
    assert.match(g[0].message, /`module\.x\["a"\]\.aws_instance\.this` and `module\.x\["c"\]\.aws_instance\.this`/);
  });

  it('localModuleDirs: the local module folders the given folders call, down their calls, once each', () => {
    const p = new TerraformProject({
      fs: memoryFs({
        '/r/envs/prod/main.tf': 'module "app" {\n  source = "../../modules/app"\n}\nmodule "again" {\n  source = "../../modules/app"\n}\nmodule "reg" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
        '/r/modules/app/main.tf': 'module "db" {\n  source = "../db"\n}\nmodule "missing" {\n  source = "../nothing"\n}\n',
        '/r/modules/db/main.tf': 'module "loop" {\n  source = "../app"\n}\n',
      }),
    });
    assert.deepEqual(p.localModuleDirs(['/r/envs/prod']), ['/r/modules/app', '/r/modules/db']);
    assert.deepEqual(p.localModuleDirs(['/r/envs/prod', '/r/modules/app']), ['/r/modules/db']);
  });
});

describe('reading stays inside the roots', () => {
  it('a symbolic link out of the workspace is not followed', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tfroot-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'tfout-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.tf'), 'resource "aws_ebs_volume" "leak" {\n  availability_zone = "a"\n  encrypted = false\n}\n');
      fs.writeFileSync(path.join(root, 'main.tf'), 'resource "aws_s3_bucket" "b" {}\n');
      fs.symlinkSync(path.join(outside, 'secret.tf'), path.join(root, 'linked.tf'));
      fs.symlinkSync(outside, path.join(root, 'linkdir'));
      const p = new TerraformProject({ fs: new NodeProjectFs([toProjectPath(root)], 1048576) });
      const a = p.analyzeModule(toProjectPath(fs.realpathSync(root)));
      const ids = [...a.files.values()].flatMap((f) => f.resources.map((r) => r.resource.id));
      assert.deepEqual(ids, ['aws_s3_bucket.b']);
      assert.equal(p.analyzeModule(toProjectPath(path.join(fs.realpathSync(root), 'linkdir'))).files.size, 0);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('FIFOs and files over the size limit are never read', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tfbig-'));
    try {
      fs.writeFileSync(path.join(root, 'big.tf'), `# ${'x'.repeat(2048)}\n`);
      fs.writeFileSync(path.join(root, 'main.tf'), 'resource "aws_s3_bucket" "b" {}\n');
      const nfs = new NodeProjectFs([toProjectPath(root)], 1024);
      assert.equal(nfs.readFile(toProjectPath(path.join(root, 'big.tf'))), undefined);
      if (process.platform !== 'win32') {
        require('node:child_process').execFileSync('mkfifo', [path.join(root, 'pipe.tf')]);
        assert.equal(nfs.readFile(toProjectPath(path.join(root, 'pipe.tf'))), undefined);
        assert.ok(!nfs.listDir(toProjectPath(root))!.some((e) => e.name === 'pipe.tf'));
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('null passed to a module variable', () => {
  it('a variable declared nullable = false takes its default; a nullable one is null (the argument left out)', () => {
    const mod = (nullable: string): string => `variable "encrypted" {\n  type = bool\n  default = false\n${nullable}}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "a"\n  encrypted = var.encrypted\n}\n`;
    const run = (nullable: string): string[] =>
      new TerraformProject({ fs: memoryFs({ '/w/mod/main.tf': mod(nullable), '/w/c/main.tf': 'module "m" {\n  source = "../mod"\n  encrypted = null\n}\n' }) })
        .analyzeFile('/w/c/main.tf')!
        .modules![0].instances[0].analysis.resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === 'ebs-volume-encryption').map((x) => x.outcome.status)));
    // nullable = false: the default (false) applies — a gap; nullable: `encrypted = null` is the argument left out, and
    // an unencrypted volume by the AWS default (also a gap, reported as not set).
    assert.deepEqual(run('  nullable = false\n'), ['gap']);
    const modTrue = (s: string): string => s.replace('default = false', 'default = true');
    const status = new TerraformProject({ fs: memoryFs({ '/w/mod/main.tf': modTrue(mod('  nullable = false\n')), '/w/c/main.tf': 'module "m" {\n  source = "../mod"\n  encrypted = null\n}\n' }) })
      .analyzeFile('/w/c/main.tf')!
      .modules![0].instances[0].analysis.resources.flatMap((r) => r.duties.flatMap((d) => d.results.filter((x) => x.rule.id === 'ebs-volume-encryption').map((x) => x.outcome.status)));
    assert.deepEqual(status, ['met']);
  });
});
