/**
 * An open Terraform file changed with the editor's edit (SourceFiles.setOverlay with a TextEdit): the module reads as
 * when the whole new text is given — the parse, the binary check, and the caller index (a file that called no module
 * is not read again unless the lines an edit touched start a module block).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryFs } from '../../../server/src/core/project/project-fs';
import { TerraformProject } from '../../../server/src/core/project/terraform-project';

const MAIN = 'resource "aws_ebs_volume" "v" {\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n';
const CHILD = 'variable "name" {}\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n}\n';
const files = { '/w/main.tf': MAIN, '/w/modules/bucket/main.tf': CHILD };

function view(p: TerraformProject): string {
  const a = p.analyzeFile('/w/main.tf');
  // The child module knows its callers from the caller index (a file's module calls).
  const child = p.analyzeModule('/w/modules/bucket');
  return JSON.stringify({ modules: (a?.modules ?? []).map((m) => m.address), findings: (a?.findings ?? []).map((f) => `${f.ruleId}@${f.span.start}`), childCalled: child.called });
}

function fresh(text: string): string {
  const p = new TerraformProject({ fs: memoryFs({ ...files, '/w/main.tf': text }) });
  p.indexDirs(['/w', '/w/modules/bucket']);
  return view(p);
}

describe('Terraform files changed by an editor’s edit', () => {
  it('a module call typed into a file that had none is seen, and removed again', () => {
    const p = new TerraformProject({ fs: memoryFs(files) });
    p.indexDirs(['/w', '/w/modules/bucket']);
    p.files.setOverlay('/w/main.tf', MAIN);
    assert.equal(view(p), fresh(MAIN));
    assert.match(view(p), /"modules":\[\].*"childCalled":false/);
    const call = 'module "data" {\n  source = "./modules/bucket"\n  name   = "x"\n}\n';
    const withCall = MAIN + call;
    p.files.setOverlay('/w/main.tf', withCall, { start: MAIN.length, oldEnd: MAIN.length, text: call });
    assert.equal(view(p), fresh(withCall));
    assert.match(view(p), /"modules":\["module.data"\].*"childCalled":true/);
    // Typed one character at a time elsewhere: the call stays.
    const typed = withCall.replace('size              = 10', 'size              = 100');
    const at = withCall.indexOf('= 10') + 4;
    p.files.setOverlay('/w/main.tf', typed, { start: at, oldEnd: at, text: '0' });
    assert.equal(view(p), fresh(typed));
    p.files.setOverlay('/w/main.tf', typed.replace(call, ''), { start: typed.indexOf(call), oldEnd: typed.indexOf(call) + call.length, text: '' });
    assert.equal(view(p), fresh(typed.replace(call, '')));
  });

  it('a block typed on the line where a word becomes `module`: the touched lines are read whole', () => {
    const p = new TerraformProject({ fs: memoryFs(files) });
    p.indexDirs(['/w', '/w/modules/bucket']);
    const start = MAIN + 'mod';
    p.files.setOverlay('/w/main.tf', start);
    void view(p);
    const rest = 'ule "data" {\n  source = "./modules/bucket"\n  name   = "x"\n}\n';
    const next = start + rest;
    p.files.setOverlay('/w/main.tf', next, { start: start.length, oldEnd: start.length, text: rest });
    assert.equal(view(p), fresh(next));
    assert.match(view(p), /"modules":\["module.data"\].*"childCalled":true/);
  });

  it('a NUL byte typed into the head of a file is refused; typed further down, the head is not read again', () => {
    const p = new TerraformProject({ fs: memoryFs(files) });
    p.indexDirs(['/w']);
    const long = MAIN + '#' + 'x'.repeat(9000) + '\n';
    p.files.setOverlay('/w/main.tf', long);
    assert.equal(p.files.refused('/w/main.tf'), undefined);
    const nul = '\u0000' + long;
    p.files.setOverlay('/w/main.tf', nul, { start: 0, oldEnd: 0, text: '\u0000' });
    assert.match(p.files.refused('/w/main.tf') ?? '', /binary/);
    p.files.setOverlay('/w/main.tf', long, { start: 0, oldEnd: 1, text: '' });
    assert.equal(p.files.refused('/w/main.tf'), undefined);
    const end = long + 'y';
    p.files.setOverlay('/w/main.tf', end, { start: long.length, oldEnd: long.length, text: 'y' });
    assert.equal(p.files.refused('/w/main.tf'), undefined);
  });
});
