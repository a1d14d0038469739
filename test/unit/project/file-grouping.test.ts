import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { groupByFile, type FileGrouping } from '../../../server/src/core/project/file-grouping';
import type { Finding, ResourceAnalysis } from '../../../server/src/core/analyze';
import type { Resource } from '../../../server/src/core/model/types';

// Synthetic analyses: only what the grouping reads (a resource's mode, the file each resource is written in, findings
// and the resource they are `at`).
const FILES = ['/m/a.tf', '/m/b.tf', '/m/c.tf'];
/** Every finding and resource made is told apart from the others (the grouping is checked by identity, not by shape). */
let made = 0;

interface Spec {
  readonly file: number; // index in FILES, or 3: a file not of the module
  readonly module: boolean;
  readonly findings: readonly (number | undefined)[]; // per finding: the resource index it is `at`, or none
}

function build(specs: readonly Spec[], files: Map<Resource, string | undefined>, resources: Resource[]): ResourceAnalysis[] {
  for (let i = resources.length; i < specs.length; i++) {
    resources.push({ id: `r${i}`, mode: 'resource' } as unknown as Resource);
    files.set(resources[i], FILES[i % 4]);
  }
  return specs.map((s, i) => {
    const resource = { ...resources[i], mode: s.module ? 'module' : 'resource', made: made++ } as unknown as Resource;
    files.set(resource, FILES[s.file]);
    const findings = s.findings.map((at, k): Finding => ({ ruleId: `rule-${k}`, resource: resource.id, message: `${i}/${k}/${made++}`, ...(at === undefined ? {} : { at: resources[at % resources.length] }) }) as unknown as Finding);
    return { resource, findings } as unknown as ResourceAnalysis;
  });
}

const spec = fc.record({
  // Mostly the module's own files and plain resources: the cases the grouping is copied in.
  file: fc.integer({ min: 0, max: 9 }).map((x) => (x === 9 ? 3 : x % 3)),
  module: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
  findings: fc.array(fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.nat(40), weight: 1 }), { maxLength: 3 }),
});

function plain(g: FileGrouping): unknown {
  return {
    shares: [...g.shares].map(([p, s]) => [p, [...s.resources], [...s.findings]]),
    moduleCalls: [...g.moduleCalls],
    resourceFindings: g.resourceFindings,
    file: [...g.file],
  };
}

describe('file-grouping', () => {
  it('groups each resource and its findings by file; a finding on another resource goes to that resource’s file', () => {
    const files = new Map<Resource, string | undefined>();
    const resources: Resource[] = [];
    const ras = build(
      [
        { file: 0, module: false, findings: [undefined, 1] },
        { file: 1, module: true, findings: [] },
        { file: 3, module: false, findings: [undefined, 0] },
      ],
      files,
      resources,
    );
    // `at` refers to the declared resources (index 1 → b.tf, index 0 → a.tf).
    for (const r of resources) files.set(r, FILES[resources.indexOf(r) === 1 ? 1 : 0]);
    const g = groupByFile(undefined, ras, FILES.slice(0, 3), (r) => files.get(r));
    assert.deepEqual(g.shares.get('/m/a.tf')?.resources, [ras[0]]);
    assert.deepEqual(g.shares.get('/m/a.tf')?.findings, [ras[0].findings[0], ras[2].findings[1]]);
    assert.deepEqual(g.shares.get('/m/b.tf')?.resources, [ras[1]]);
    assert.deepEqual(g.shares.get('/m/b.tf')?.findings, [ras[0].findings[1]]);
    assert.deepEqual(g.shares.get('/m/c.tf'), { resources: [], findings: [] });
    assert.deepEqual(g.moduleCalls, [1]);
    assert.equal(g.resourceFindings, 4);
  });

  it('after some resources are replaced, equals grouping the new analyses from scratch, and leaves the last grouping as it was', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(fc.nat(), spec), { maxLength: 4 }), fc.boolean(), (specs, changes, sameShape) => {
        const files = new Map<Resource, string | undefined>();
        const resources: Resource[] = [];
        const paths = FILES.slice(0, 3);
        const before = build(specs, files, resources);
        const fileOf = (r: Resource): string | undefined => files.get(r);
        const last = groupByFile(undefined, before, paths, fileOf);
        const lastPlain = plain(last);
        const after = before.slice();
        for (const [at, s] of changes) {
          const i = at % after.length;
          // A change that keeps the resource's file, mode and number of findings (the common edit), or any change.
          const was = specs[i];
          const next = sameShape ? { ...s, file: was.file, module: was.module, findings: was.findings.map(() => undefined) } : s;
          after[i] = build([...specs.slice(0, i), next], files, resources)[i];
        }
        const incremental = groupByFile(last, after, paths, fileOf);
        assert.deepEqual(plain(incremental), plain(groupByFile(undefined, after, paths, fileOf)));
        assert.deepEqual(plain(last), lastPlain);
      }),
      { numRuns: 400 },
    );
  });

  it('groups again when the files of the module changed', () => {
    const files = new Map<Resource, string | undefined>();
    const ras = build([{ file: 0, module: false, findings: [undefined] }], files, []);
    const last = groupByFile(undefined, ras, FILES.slice(0, 2), (r) => files.get(r));
    const again = groupByFile(last, ras, FILES.slice(0, 3), (r) => files.get(r));
    assert.deepEqual([...again.shares.keys()], FILES.slice(0, 3));
  });
});
