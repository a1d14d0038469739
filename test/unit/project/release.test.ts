/**
 * A Terraform module's state is released when an editor closes the last file that needs it: its analyses, incremental
 * analyzers, texts and parses; what stays open (other files of the module, a tfvars file, a caller or a called module)
 * keeps reading it, and a module opened again is analysed as before.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { Analysis } from '../../../server/src/core/analyze';
import { memoryFs, type ProjectFs } from '../../../server/src/core/project/project-fs';
import { TerraformProject } from '../../../server/src/core/project/terraform-project';

const APP = '/ws/app';
const STORAGE = '/ws/app/modules/storage';
const OTHER = '/ws/other';
const FILES: Record<string, string> = {
  [`${APP}/main.tf`]: 'module "storage" {\n  source    = "./modules/storage"\n  encrypted = false\n}\n\nresource "aws_ebs_volume" "root" {\n  availability_zone = "us-east-1a"\n  size              = 1\n  encrypted         = var.enc\n}\n',
  [`${APP}/variables.tf`]: 'variable "enc" {\n  default = false\n}\n',
  [`${APP}/terraform.tfvars`]: 'enc = false\n',
  [`${STORAGE}/main.tf`]: 'resource "aws_ebs_volume" "this" {\n  availability_zone = "us-east-1a"\n  size              = 10\n  encrypted         = var.encrypted\n}\n',
  [`${STORAGE}/variables.tf`]: 'variable "encrypted" {\n  type = bool\n}\n',
  [`${OTHER}/main.tf`]: 'resource "aws_ebs_volume" "o" {\n  availability_zone = "us-east-1a"\n  size              = 1\n}\n',
};

/** The files above, counting reads per path. */
function countingFs(): { fs: ProjectFs; reads: Map<string, number>; disk: Record<string, string> } {
  const disk = { ...FILES };
  const inner = memoryFs(disk);
  const reads = new Map<string, number>();
  return {
    reads,
    disk,
    fs: {
      readFile: (p) => {
        reads.set(p, (reads.get(p) ?? 0) + 1);
        return inner.readFile(p);
      },
      listDir: (p) => inner.listDir(p),
    },
  };
}

function project(): { p: TerraformProject; reads: Map<string, number>; disk: Record<string, string> } {
  const { fs, reads, disk } = countingFs();
  const p = new TerraformProject({ fs });
  p.indexDirs([APP, STORAGE, OTHER]);
  return { p, reads, disk };
}

/** An editor opens a file (its text as on disk unless given). */
function open(p: TerraformProject, path: string, text = FILES[path]): void {
  p.files.setOverlay(path, text);
}

function close(p: TerraformProject, path: string): void {
  p.files.setOverlay(path, undefined);
}

/** Findings as `rule resource @ quoted text`. */
function summary(a: Analysis | undefined, text: string): string[] {
  assert.ok(a, 'no analysis');
  return a.findings.map((f) => `${f.ruleId} ${f.resource} @ ${text.slice(f.span.start, f.span.end)}`).sort();
}

const held = (p: TerraformProject): string[] => [...p.heldDirs()].sort();

describe('a closed module is released', () => {
  it('closing the last open file of a module releases what the project kept for it; reopening analyses it as before', () => {
    const { p } = project();
    const main = `${APP}/main.tf`;
    open(p, main);
    const before = summary(p.analyzeFile(main), FILES[main]);
    assert.ok(before.some((f) => f.startsWith('ebs-volume-encryption module.storage.aws_ebs_volume.this @ false')), before.join('\n'));
    assert.ok(p.heldDirs().has(APP) && p.heldDirs().has(STORAGE));
    close(p, main);
    // Nothing of the module, nor of the module it calls (no open file needs them), nor of the other indexed folders.
    assert.deepEqual(held(p), []);
    // Whom it calls and who calls whom are still known, without analysing or keeping anything.
    assert.deepEqual([...p.calleesOf(APP)], [STORAGE]);
    assert.deepEqual(p.callersOf(STORAGE).map((c) => c.name), ['storage']);
    assert.deepEqual(held(p), []);
    open(p, main);
    assert.deepEqual(summary(p.analyzeFile(main), FILES[main]), before);
    // An edit after the reopening is analysed (incrementally again).
    const edited = FILES[main].replace('encrypted = false', 'encrypted = true');
    open(p, main, edited);
    assert.ok(!summary(p.analyzeFile(main), edited).some((f) => f.includes('module.storage.aws_ebs_volume.this')));
  });

  it('the analysis is garbage once the module is closed', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const { p } = project();
    const main = `${APP}/main.tf`;
    open(p, main);
    const ref = ((): WeakRef<object> => new WeakRef(p.analyzeFile(main)?.doc as object))();
    close(p, main);
    // WeakRef targets live to the end of the job that made them.
    await new Promise((r) => setImmediate(r));
    gc();
    assert.equal(ref.deref(), undefined);
    // The project itself lives on (and answers).
    open(p, main);
    assert.ok(p.analyzeFile(main));
  });

  it('another open file of the module keeps it, and reads the closed file from the disk again', () => {
    const { p } = project();
    const main = `${APP}/main.tf`;
    const vars = `${APP}/variables.tf`;
    open(p, main);
    // Unsaved: enc = true.
    open(p, vars, 'variable "enc" {\n  default = true\n}\n');
    p.files.setOverlay(`${APP}/terraform.tfvars`, 'enc = true\n');
    assert.ok(!summary(p.analyzeFile(main), FILES[main]).some((f) => f.includes('aws_ebs_volume.root')));
    close(p, vars);
    close(p, `${APP}/terraform.tfvars`);
    assert.ok(p.heldDirs().has(APP) && p.heldDirs().has(STORAGE));
    // The disk's text again: enc = false.
    assert.ok(summary(p.analyzeFile(main), FILES[main]).some((f) => f.startsWith('ebs-volume-encryption aws_ebs_volume.root @ var.enc')));
  });

  it('an open tfvars file keeps its module (its hover reads the module\'s variables)', () => {
    const { p } = project();
    const main = `${APP}/main.tf`;
    const tfvars = `${APP}/terraform.tfvars`;
    open(p, main);
    open(p, tfvars, 'enc = true\n');
    p.analyzeModule(APP);
    close(p, main);
    assert.ok(p.heldDirs().has(APP));
    const v = p.analyzeModule(APP).variables.get('enc');
    assert.equal(v?.assignments.at(-1)?.path, tfvars);
    assert.ok(!summary(p.analyzeFile(main), FILES[main]).some((f) => f.includes('aws_ebs_volume.root')));
  });

  it('a called module stays while its caller is open; the caller goes when only the module stays open', () => {
    const { p, reads } = project();
    const main = `${APP}/main.tf`;
    const child = `${STORAGE}/main.tf`;
    open(p, main);
    open(p, child);
    const callerBefore = summary(p.analyzeFile(main), FILES[main]);
    const childBefore = summary(p.analyzeFile(child), FILES[child]);
    // Closing the module: the caller's instances still read it.
    close(p, child);
    assert.deepEqual(held(p), [APP, STORAGE]);
    assert.deepEqual(summary(p.analyzeFile(main), FILES[main]), callerBefore);
    // Closing the caller instead: released; the module's variable still depends on it (the caller index, no text).
    open(p, child);
    close(p, main);
    assert.deepEqual(held(p), [STORAGE]);
    const dependsOnCaller = (a: Analysis | undefined): string => {
      const sse = a?.resources.find((r) => r.resource.id === 'aws_ebs_volume.this')?.duties.find((d) => d.duty === 'server-side-encryption');
      return (sse?.results ?? []).flatMap((r) => r.outcome.dependsOn ?? []).join(' ');
    };
    const a = p.analyzeFile(child);
    assert.deepEqual(summary(a, FILES[child]), childBefore);
    assert.match(dependsOnCaller(a), /set by the caller: module\.storage in \.\.\/\.\.\/main\.tf/);
    assert.deepEqual(held(p), [STORAGE]);
    // Typing in the module: the caller's file is not read again to know that it still calls the module.
    reads.clear();
    const edited = FILES[child].replace('size              = 10', 'size              = 11');
    open(p, child, edited);
    assert.match(dependsOnCaller(p.analyzeFile(child)), /set by the caller: module\.storage in \.\.\/\.\.\/main\.tf/);
    assert.equal(reads.get(main) ?? 0, 0);
    assert.deepEqual(held(p), [STORAGE]);
  });

  it('a change to a released file is seen: the caller index reads it again', () => {
    const { p, disk } = project();
    const main = `${APP}/main.tf`;
    const child = `${STORAGE}/main.tf`;
    const twice = `${FILES[main]}\nmodule "again" {\n  source    = "./modules/storage"\n  encrypted = true\n}\n`;
    open(p, main);
    p.analyzeFile(main);
    close(p, main);
    open(p, child);
    assert.deepEqual(p.callersOf(STORAGE).map((c) => c.name), ['storage']);
    // In an editor, then closed unsaved: the disk's calls again.
    open(p, main, twice);
    assert.deepEqual(p.callersOf(STORAGE).map((c) => c.name), ['storage', 'again']);
    close(p, main);
    assert.deepEqual(p.callersOf(STORAGE).map((c) => c.name), ['storage']);
    // Saved (the disk changed, the watcher says so).
    disk[main] = twice;
    p.files.invalidate(main);
    assert.deepEqual(p.callersOf(STORAGE).map((c) => c.name), ['storage', 'again']);
    assert.deepEqual(held(p), [STORAGE]);
  });
});
