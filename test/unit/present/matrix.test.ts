import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { getService } from '../../../server/src/core/catalog/catalog';
import { DUTIES, type DutyId } from '../../../server/src/core/model/duties';
import { dutyTitle, ownersForKind } from '../../../server/src/core/model/duty-owners';
import {
  buildMatrix,
  contentUuid,
  csvField,
  MATRIX_CSV_HEADER,
  matrixCsv,
  matrixJson,
  matrixMarkdown,
  matrixOscal,
  sha256,
  type Matrix,
  type MatrixCounts,
} from '../../../server/src/core/present/matrix';
import type { JsonFile, JsonReport, JsonResource } from '../../../server/src/core/present/report';
import { run } from '../../../server/src/cli/main';
import { EXAMPLES } from '../helpers';
import { HOSTILE } from './fixtures';
import { AWS_LINK, liveMarkdown } from './inert';

/** The JSON report of a folder, as `aws-responsibility scan --format json` writes it. */
async function scan(dir: string): Promise<JsonReport> {
  let out = '';
  let err = '';
  const code = await run(['scan', '--format', 'json', '--no-config', dir], { out: (s) => (out += s), err: (s) => (err += s) });
  assert.ok(code === 0 || code === 1, `scan exited ${code}: ${err}`);
  return JSON.parse(out) as JsonReport;
}

function withService(files: readonly JsonFile[]): JsonResource[] {
  return files.flatMap((f) => f.resources.filter((r) => r.service));
}

/** The report's own count of a duty's state, as the matrix names it. */
function reportState(status: string, duty: string): keyof MatrixCounts {
  if (status === 'met') return 'met';
  if (status === 'gap') return 'gap';
  if (status === 'not-applicable') return duty === 'client-side-encryption' ? 'notExpressible' : 'notApplicable';
  return 'unknown';
}

function countsOf(resources: readonly JsonResource[], duty: DutyId): MatrixCounts {
  const c: MatrixCounts = { met: 0, gap: 0, unknown: 0, notApplicable: 0, notExpressible: 0 };
  for (const r of resources) {
    const d = r.duties.find((x) => x.duty === duty);
    if (d) c[reportState(d.status, duty)]++;
  }
  return c;
}

/** A crafted report file: one resource per entry, every duty with the given owner and status. */
function crafted(entries: { id: string; name: string; kind: string; owner?: string; status?: string }[]): JsonFile {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  return {
    path: 'crafted.yaml',
    language: 'cloudformation',
    resources: entries.map((e, i) => ({
      name: `R${i}`,
      type: 'AWS::Crafted::Thing',
      service: { id: e.id, name: e.name },
      kind: e.kind,
      range,
      duties: DUTIES.map((duty) => ({ duty, owner: e.owner ?? 'customer', status: e.status ?? 'gap' })),
    })),
    findings: [],
  };
}

/** RFC 4180: fields separated by commas, records by CRLF; quoted fields double their quotes and may hold anything. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
      continue;
    }
    if (c === '"') {
      assert.equal(field, '', 'a quote may only open a field');
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      assert.ok(c !== '\r' && c !== '\n', 'a bare line break outside quotes');
      field += c;
      i++;
    }
  }
  assert.equal(quoted, false, 'unterminated quoted field');
  assert.ok(field === '' && row.length === 0, 'the last record ends with CRLF');
  return rows;
}

// ---- OSCAL 1.1.2 component-definition model, as read in NIST's schema (usnistgov/OSCAL) and metaschema ----
const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;
const STRING = /^\S(.*\S)?$/;
const URI = /^[a-zA-Z][a-zA-Z0-9+\-.]+:.+$/;
const DATE_TIME_TZ =
  /^(((2000|2400|2800|(19|2[0-9](0[48]|[2468][048]|[13579][26])))-02-29)|(((19|2[0-9])[0-9]{2})-02-(0[1-9]|1[0-9]|2[0-8]))|(((19|2[0-9])[0-9]{2})-(0[13578]|10|12)-(0[1-9]|[12][0-9]|3[01]))|(((19|2[0-9])[0-9]{2})-(0[469]|11)-(0[1-9]|[12][0-9]|30)))T(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]+)?(Z|(-((0[0-9]|1[0-2]):00|0[39]:30)|\+((0[0-9]|1[0-4]):00|(0[34569]|10):30|(0[58]|12):45)))$/;

type Obj = Record<string, unknown>;

/** Checks an object's keys: every required one present, nothing outside the allowed set (additionalProperties: false). */
function shape(o: unknown, where: string, required: readonly string[], optional: readonly string[]): Obj {
  assert.ok(o && typeof o === 'object' && !Array.isArray(o), `${where} is an object`);
  const obj = o as Obj;
  for (const k of required) assert.ok(k in obj, `${where}.${k} is required`);
  const allowed = new Set([...required, ...optional]);
  for (const k of Object.keys(obj)) assert.ok(allowed.has(k), `${where}.${k} is not in the model`);
  return obj;
}

function str(v: unknown, where: string, pattern?: RegExp): string {
  assert.equal(typeof v, 'string', `${where} is a string`);
  if (pattern) assert.match(v as string, pattern, `${where}`);
  return v as string;
}

function arr(v: unknown, where: string): unknown[] {
  assert.ok(Array.isArray(v), `${where} is an array`);
  assert.ok((v as unknown[]).length >= 1, `${where} has minItems 1`);
  return v as unknown[];
}

function checkProps(v: unknown, where: string): void {
  arr(v, where).forEach((p, i) => {
    const o = shape(p, `${where}[${i}]`, ['name', 'value'], ['uuid', 'ns', 'class', 'group', 'remarks']);
    str(o.name, `${where}[${i}].name`, TOKEN);
    str(o.value, `${where}[${i}].value`, STRING);
    if ('ns' in o) str(o.ns, `${where}[${i}].ns`, URI);
    if ('class' in o) str(o.class, `${where}[${i}].class`, TOKEN);
  });
}

function checkLinks(v: unknown, where: string): void {
  arr(v, where).forEach((l, i) => {
    const o = shape(l, `${where}[${i}]`, ['href'], ['rel', 'media-type', 'resource-fragment', 'text']);
    str(o.href, `${where}[${i}].href`, URI);
    if ('rel' in o) str(o.rel, `${where}[${i}].rel`, TOKEN);
  });
}

function checkRoles(v: unknown, where: string, declared: ReadonlySet<string>): void {
  const seen = new Set<string>();
  arr(v, where).forEach((r, i) => {
    const o = shape(r, `${where}[${i}]`, ['role-id'], ['props', 'links', 'party-uuids', 'remarks']);
    const id = str(o['role-id'], `${where}[${i}].role-id`, TOKEN);
    assert.ok(declared.has(id), `${where}: role ${id} is declared in metadata.roles (index-metadata-role-id)`);
    assert.ok(!seen.has(id), `${where}: role ${id} once (unique responsible-role)`);
    seen.add(id);
  });
}

/** Every check of the component-definition model we can make without the schema file itself. */
function checkOscal(text: string): { uuids: string[]; doc: Obj } {
  const root = shape(JSON.parse(text), 'root', ['component-definition'], ['$schema']);
  const cd = shape(root['component-definition'], 'component-definition', ['uuid', 'metadata'], ['import-component-definitions', 'components', 'capabilities', 'back-matter']);
  const uuids: string[] = [str(cd.uuid, 'component-definition.uuid', UUID)];
  const md = shape(cd.metadata, 'metadata', ['title', 'last-modified', 'version', 'oscal-version'], [
    'published',
    'revisions',
    'document-ids',
    'props',
    'links',
    'roles',
    'locations',
    'parties',
    'responsible-parties',
    'actions',
    'remarks',
  ]);
  str(md.title, 'metadata.title');
  str(md['last-modified'], 'metadata.last-modified', DATE_TIME_TZ);
  str(md.version, 'metadata.version', STRING);
  assert.equal(str(md['oscal-version'], 'metadata.oscal-version', STRING), '1.1.2');
  if ('links' in md) checkLinks(md.links, 'metadata.links');
  const declared = new Set<string>();
  arr(md.roles, 'metadata.roles').forEach((r, i) => {
    const o = shape(r, `metadata.roles[${i}]`, ['id', 'title'], ['short-name', 'description', 'props', 'links', 'remarks']);
    const id = str(o.id, `metadata.roles[${i}].id`, TOKEN);
    assert.ok(!declared.has(id), `role ${id} declared once`);
    declared.add(id);
    str(o.title, `metadata.roles[${i}].title`);
  });
  if ('components' in cd) {
    arr(cd.components, 'components').forEach((c, ci) => {
      const w = `components[${ci}]`;
      const o = shape(c, w, ['uuid', 'type', 'title', 'description'], ['purpose', 'props', 'links', 'responsible-roles', 'protocols', 'control-implementations', 'remarks']);
      uuids.push(str(o.uuid, `${w}.uuid`, UUID));
      assert.equal(str(o.type, `${w}.type`, STRING), 'service');
      str(o.title, `${w}.title`);
      str(o.description, `${w}.description`);
      if ('props' in o) checkProps(o.props, `${w}.props`);
      if ('links' in o) checkLinks(o.links, `${w}.links`);
      if ('responsible-roles' in o) checkRoles(o['responsible-roles'], `${w}.responsible-roles`, declared);
      assert.ok(!('protocols' in o) || o.type === 'service');
      if (!('control-implementations' in o)) return;
      arr(o['control-implementations'], `${w}.control-implementations`).forEach((ci0, ii) => {
        const wi = `${w}.control-implementations[${ii}]`;
        const impl = shape(ci0, wi, ['uuid', 'source', 'description', 'implemented-requirements'], ['props', 'links', 'set-parameters']);
        uuids.push(str(impl.uuid, `${wi}.uuid`, UUID));
        str(impl.source, `${wi}.source`, URI);
        str(impl.description, `${wi}.description`);
        if ('props' in impl) checkProps(impl.props, `${wi}.props`);
        if ('links' in impl) checkLinks(impl.links, `${wi}.links`);
        arr(impl['implemented-requirements'], `${wi}.implemented-requirements`).forEach((r, ri) => {
          const wr = `${wi}.implemented-requirements[${ri}]`;
          const req = shape(r, wr, ['uuid', 'control-id', 'description'], ['props', 'links', 'set-parameters', 'responsible-roles', 'statements', 'remarks']);
          uuids.push(str(req.uuid, `${wr}.uuid`, UUID));
          str(req['control-id'], `${wr}.control-id`, TOKEN);
          str(req.description, `${wr}.description`);
          if ('props' in req) checkProps(req.props, `${wr}.props`);
          if ('links' in req) checkLinks(req.links, `${wr}.links`);
          if ('responsible-roles' in req) checkRoles(req['responsible-roles'], `${wr}.responsible-roles`, declared);
          if ('remarks' in req) str(req.remarks, `${wr}.remarks`);
          if (!('statements' in req)) return;
          const ids = new Set<string>();
          arr(req.statements, `${wr}.statements`).forEach((s, si) => {
            const ws = `${wr}.statements[${si}]`;
            const st = shape(s, ws, ['statement-id', 'uuid', 'description'], ['props', 'links', 'responsible-roles', 'remarks']);
            const id = str(st['statement-id'], `${ws}.statement-id`, TOKEN);
            assert.ok(!ids.has(id), `${ws}: statement-id unique in its requirement`);
            ids.add(id);
            uuids.push(str(st.uuid, `${ws}.uuid`, UUID));
            str(st.description, `${ws}.description`);
            if ('responsible-roles' in st) checkRoles(st['responsible-roles'], `${ws}.responsible-roles`, declared);
          });
        });
      });
    });
  }
  // No empty array anywhere (every array of the model has minItems 1) and no empty object.
  const walk = (v: unknown, where: string): void => {
    if (Array.isArray(v)) {
      assert.ok(v.length > 0, `${where}: empty array`);
      v.forEach((x, i) => walk(x, `${where}[${i}]`));
    } else if (v && typeof v === 'object') {
      assert.ok(Object.keys(v).length > 0, `${where}: empty object`);
      for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
    } else assert.ok(typeof v === 'string', `${where}: only strings in this document (got ${typeof v})`);
  };
  walk(root, '');
  return { uuids, doc: root };
}

const OSCAL_OPTS = { title: 'Examples: customer responsibility matrix', lastModified: '2025-01-02T03:04:05.678Z' };

describe('customer responsibility matrix', () => {
  let report: JsonReport;
  let m: Matrix;
  before(async () => {
    report = await scan(EXAMPLES);
    m = buildMatrix(report.files);
  });

  it('totals equal the report: every resource with a service counted once, each state as often as the report has it', () => {
    const all = withService(report.files);
    assert.ok(all.length > 20);
    assert.equal(m.totals.resources, all.length);
    assert.equal(m.files, report.files.length);
    assert.equal(m.services.reduce((n, s) => n + s.resources, 0), all.length);
    assert.equal(m.kinds.reduce((n, k) => n + k.resources, 0), all.length);
    for (const s of m.services) {
      const mine = all.filter((r) => r.service!.id === s.id);
      assert.equal(s.resources, mine.length, s.id);
      assert.equal(s.notCreated, mine.filter((r) => r.created === false).length);
      for (const d of s.duties) {
        assert.deepEqual(d.counts, countsOf(mine, d.duty), `${s.id} ${d.duty}`);
        assert.equal(d.counts.gap, mine.filter((r) => r.duties.some((x) => x.duty === d.duty && x.status === 'gap')).length);
        const c = d.counts;
        assert.equal(c.met + c.gap + c.unknown + c.notApplicable + c.notExpressible, mine.length, 'each resource in one state');
        assert.equal(d.owners.reduce((n, o) => n + o.resources, 0), mine.length, 'each resource under one owner');
      }
    }
    for (const t of m.totals.duties) assert.deepEqual(t.counts, countsOf(all, t.duty), t.duty);
    for (const k of m.kinds) {
      const mine = all.filter((r) => r.kind === k.kind);
      assert.equal(k.resources, mine.length);
      assert.equal(k.services, new Set(mine.map((r) => r.service!.id)).size);
      for (const t of k.duties) assert.deepEqual(t.counts, countsOf(mine, t.duty), `${k.kind} ${t.duty}`);
    }
    // The examples do have gaps, and client-side encryption is never a gap: it is not expressible in a template.
    assert.ok(m.totals.duties.find((d) => d.duty === 'server-side-encryption')!.counts.gap > 0);
    const cse = m.totals.duties.find((d) => d.duty === 'client-side-encryption')!.counts;
    assert.equal(cse.notExpressible, all.length);
  });

  it('lists the services used (by name, with catalog name and security documentation) and their kinds', () => {
    assert.deepEqual(
      m.services.map((s) => [s.id, s.kinds.map((k) => `${k.kind}:${k.resources}`).join(',')]),
      [
        ['dynamodb', 'managed:2'],
        ['ec2ebs', 'infrastructure:5'],
        ['ec2', 'infrastructure:2'],
        ['rds', 'container:3'],
        ['sqs', 'managed:1'],
        ['s3', 'managed:18'],
        ['vpc', 'infrastructure:3'],
        ['lambda', 'managed:1'],
      ],
    );
    const names = m.services.map((s) => s.name.toLowerCase());
    assert.deepEqual(names, [...names].sort());
    assert.deepEqual(new Set(m.services.map((s) => s.id)), new Set(withService(report.files).map((r) => r.service!.id)));
    for (const s of m.services) {
      const entry = getService(s.id)!;
      assert.equal(s.name, entry.name);
      assert.equal(s.securityDocUrl, entry.securityDocUrl);
      assert.deepEqual(s.kinds[0].notes, [{ note: entry.reason, source: entry.kindSource }]);
      assert.deepEqual(s.duties.map((d) => d.duty), [...DUTIES]);
      assert.deepEqual(s.duties.map((d) => d.title), DUTIES.map(dutyTitle));
    }
    assert.deepEqual(m.kinds.map((k) => [k.kind, k.resources, k.services]), [
      ['infrastructure', 10, 3],
      ['container', 3, 1],
      ['managed', 22, 4],
    ]);
  });

  it('gives each owner with the note and source of the data it comes from', () => {
    const rds = m.services.find((s) => s.id === 'rds')!;
    const table = ownersForKind('container');
    for (const d of rds.duties) {
      const cell = table.find((o) => o.duty === d.duty)!;
      assert.equal(d.owners.length, 1);
      assert.equal(d.owners[0].owner, cell.owner);
      assert.equal(d.owners[0].note, cell.refinement?.note);
      assert.equal(d.owners[0].source, cell.refinement?.source);
    }
    const s3 = m.services.find((s) => s.id === 's3')!;
    assert.equal(s3.duties.find((d) => d.duty === 'server-side-encryption')!.owners[0].owner, 'aws');
    assert.match(s3.duties.find((d) => d.duty === 'server-side-encryption')!.owners[0].note!, /KMS key/);
  });

  it('splits a service whose resources have different kinds or owners through refinements, with the refinement', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matrix-'));
    try {
      const task = 'arn:aws:ecs:us-east-1:123456789012:task-definition/x:1';
      const fn = (extra: string): string =>
        `    Type: AWS::Lambda::Function\n    Properties:\n      Role: arn:aws:iam::123456789012:role/r\n      Code: { ZipFile: "x" }\n      Handler: index.handler\n      Runtime: python3.12\n${extra}`;
      fs.writeFileSync(
        path.join(dir, 'stack.yaml'),
        `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n` +
          `  FargateSvc:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: FARGATE\n      TaskDefinition: ${task}\n` +
          `  Ec2Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: EC2\n      TaskDefinition: ${task}\n` +
          `  PlainSvc:\n    Type: AWS::ECS::Service\n    Properties:\n      TaskDefinition: ${task}\n` +
          `  VpcFn:\n${fn('      VpcConfig:\n        SubnetIds: [subnet-1]\n        SecurityGroupIds: [sg-1]\n')}` +
          `  PlainFn:\n${fn('')}` +
          // AWS Batch by compute environment type: EC2 (infrastructure, the AMI is yours) and Fargate (container).
          `  Ec2Batch:\n    Type: AWS::Batch::ComputeEnvironment\n    Properties:\n      Type: MANAGED\n      ComputeResources:\n        Type: EC2\n        MaxvCpus: 4\n        Subnets: [subnet-1]\n` +
          `  FargateBatch:\n    Type: AWS::Batch::ComputeEnvironment\n    Properties:\n      Type: MANAGED\n      ComputeResources:\n        Type: FARGATE\n        MaxvCpus: 4\n        Subnets: [subnet-1]\n`,
      );
      fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_sqs_queue" "none" {\n  count = 0\n  name  = "q"\n}\n');
      const r = await scan(dir);
      const mx = buildMatrix(r.files);
      const ecs = mx.services.find((s) => s.id === 'ecs')!;
      // ECS on Fargate is a container service too (AWS's ECS page: each task gets dedicated infrastructure capacity).
      assert.deepEqual(ecs.kinds.map((k) => [k.kind, k.resources]), [['container', 3]]);
      assert.equal(ecs.kinds[0].notes[0].source, getService('ecs')!.kindSource);
      const batch = mx.services.find((s) => s.id === 'batch')!;
      assert.deepEqual(batch.kinds.map((k) => [k.kind, k.resources]).sort(), [['container', 1], ['infrastructure', 1]]);
      assert.equal(batch.kinds.find((k) => k.kind === 'infrastructure')!.notes[0].refinement, 'batch-ec2-spot');
      const os0 = ecs.duties.find((d) => d.duty === 'operating-system-configuration')!.owners;
      assert.deepEqual(
        os0.map((o) => [o.owner, o.resources, o.refinement ?? null]),
        [
          ['customer', 1, 'ecs-ec2-service'],
          ['aws', 1, null],
          ['aws', 1, 'ecs-fargate-service'],
        ],
      );
      assert.ok(os0.every((o) => o.refinement === undefined || /^https:\/\/docs\.aws\.amazon\.com\//.test(o.source!)));
      const lambda = mx.services.find((s) => s.id === 'lambda')!;
      const net = lambda.duties.find((d) => d.duty === 'network-configuration')!.owners;
      assert.deepEqual(net.map((o) => [o.owner, o.resources, o.refinement ?? null]), [
        ['customer', 1, 'lambda-in-vpc'],
        ['aws', 1, null],
      ]);
      const sqs = mx.services.find((s) => s.id === 'sqs')!;
      assert.deepEqual([sqs.resources, sqs.notCreated], [1, 1]);
      // The split shows in every writer.
      assert.match(matrixMarkdown(mx), /\*\*Infrastructure service\*\*, 1 resource\. EC2 and Spot compute environments/);
      const row = parseCsv(matrixCsv(mx)).find((x) => x[0] === 'ecs' && x[3] === 'operating-system-configuration')!;
      assert.equal(row[2], 'container');
      assert.equal(row[5], 'customer (1); aws (1); aws (1)');
      checkOscal(matrixOscal(mx, OSCAL_OPTS));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes Markdown with every service and duty; text from a report is escaped and links only to AWS', () => {
    const text = matrixMarkdown(m);
    for (const s of m.services) assert.ok(text.includes(`\`${s.id}\``), s.id);
    const live = liveMarkdown(text);
    for (const t of live.tags) assert.ok(['table', 'thead', 'tbody', 'tr', 'th', 'td', 'h1', 'h2', 'p', 'ul', 'ol', 'li', 'a', 'code', 'strong', 'em'].includes(t), t);
    for (const l of live.links) assert.match(l, AWS_LINK);

    // A report whose service, kind and owner are hostile (no resource name ever reaches the matrix).
    const evil = crafted(HOSTILE.map((h, i) => ({ id: `${h}${i}`, name: `${h} | cell`, kind: h, owner: h })));
    const md = matrixMarkdown(buildMatrix([evil]));
    const l2 = liveMarkdown(md);
    assert.deepEqual(l2.tags.filter((t) => ['img', 'script'].includes(t)), []);
    for (const a of l2.attrs) assert.ok(!/^on/i.test(a.name), a.name);
    for (const link of l2.links) assert.match(link, AWS_LINK);
    for (const h of HOSTILE) assert.ok(l2.text.includes(h.replace(/`/g, 'ˋ')) || l2.text.includes(h), `shown as text: ${h}`);
    // Every row of a table has the columns of its delimiter row: a `|` in a name does not open a cell.
    const cells = (line: string): number => line.replace(/\\\|/g, '').split('|').length;
    const lines = md.split('\n');
    let tables = 0;
    lines.forEach((line, i) => {
      if (!line.startsWith('|:--')) return;
      tables++;
      const n = cells(line);
      assert.equal(cells(lines[i - 1]), n, lines[i - 1]);
      for (let j = i + 1; j < lines.length && lines[j].startsWith('|'); j++) assert.equal(cells(lines[j]), n, lines[j]);
    });
    assert.equal(tables, 2 + HOSTILE.length);
  });

  it('writes CSV that parses back (RFC 4180) to the same numbers', () => {
    const text = matrixCsv(m);
    assert.ok(text.endsWith('\r\n'));
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], [...MATRIX_CSV_HEADER]);
    assert.equal(rows.length, 1 + m.services.length * DUTIES.length);
    let i = 1;
    for (const s of m.services) {
      for (const d of s.duties) {
        const r = rows[i++];
        assert.equal(r.length, MATRIX_CSV_HEADER.length);
        assert.deepEqual(r.slice(0, 5), [s.id, s.name, s.kinds.map((k) => k.kind).join('; '), d.duty, d.title]);
        // One owner as is; several (e.g. S3 network traffic protection: AWS's, shared where a bucket has a gap) with their resource counts.
        assert.equal(r[5], d.owners.length === 1 ? d.owners[0].owner : d.owners.map((o) => `${o.owner} (${o.resources})`).join('; '));
        assert.deepEqual(r.slice(6, 11).map(Number), [d.counts.met, d.counts.gap, d.counts.unknown, d.counts.notApplicable, d.counts.notExpressible]);
        assert.equal(r[11], [...new Set(d.owners.filter((o) => o.note).map((o) => o.note))].join(' | '));
      }
    }
    // Quoted where needed: a duty title with a comma.
    assert.ok(text.includes('"Compute, storage, database and networking"'));
  });

  it('neutralises spreadsheet formulas and control characters in CSV cells', () => {
    const evil = crafted([
      { id: '=HYPERLINK("http://evil","x")', name: '+SUM(1,2)', kind: '-2+3', owner: '@cmd' },
      { id: '\tTAB', name: '\rCR', kind: 'managed', owner: 'a "quoted", value\nwith a line' },
    ]);
    const rows = parseCsv(matrixCsv(buildMatrix([evil])));
    for (const r of rows.slice(1)) for (const c of r) assert.ok(!/^[=+\-@\t\r]/.test(c), `live formula cell: ${JSON.stringify(c)}`);
    const first = rows.find((r) => r[0].startsWith(`'=`))!;
    assert.deepEqual(first.slice(0, 3), [`'=HYPERLINK("http://evil","x")`, `'+SUM(1,2)`, `'-2+3`]);
    assert.equal(first[5], `'@cmd`);
    const second = rows.find((r) => r[0] === `'\tTAB`)!;
    assert.equal(second[1], `'\rCR`);
    assert.equal(second[5], 'a "quoted", value\nwith a line');
    assert.equal(csvField('\u202eevil'), '\ufffdevil');
    assert.equal(csvField('a\u0000b'), 'ab');
    assert.equal(csvField(-1), `'-1`);
  });

  it('counts a resource once per duty even when a report repeats the duty, and unknown states as unknown', () => {
    const f = crafted([{ id: 's3', name: 'ignored: the catalog names known services', kind: 'managed', status: 'gap' }]);
    f.resources[0].duties.push({ duty: 'customer-data', owner: 'customer', status: 'met' }, { duty: 'not-a-duty', owner: 'aws', status: 'met' });
    f.resources[0].duties[1].status = 'bogus';
    const mx = buildMatrix([f, { ...f, path: 'other.yaml', resources: [] }]);
    assert.equal(mx.files, 2);
    assert.equal(mx.services[0].name, getService('s3')!.name);
    const d = mx.services[0].duties;
    assert.deepEqual(d[0].counts, { met: 0, gap: 1, unknown: 0, notApplicable: 0, notExpressible: 0 });
    assert.equal(d[1].counts.unknown, 1);
    assert.equal(d.length, DUTIES.length);
  });

  it('writes JSON in the documented shape, version 1', () => {
    const j = JSON.parse(matrixJson(m));
    assert.equal(j.version, 1);
    assert.deepEqual(Object.keys(j), ['version', 'source', 'files', 'services', 'kinds', 'totals']);
    assert.deepEqual(j, JSON.parse(JSON.stringify(m)));
    assert.deepEqual(Object.keys(j.services[0]), ['id', 'name', 'resources', 'notCreated', 'securityDocUrl', 'kinds', 'duties']);
    assert.deepEqual(Object.keys(j.services[0].duties[0].counts), ['met', 'gap', 'unknown', 'notApplicable', 'notExpressible']);
    assert.equal(matrixJson(m), matrixJson(buildMatrix(report.files)));
  });

  it('writes an OSCAL 1.1.2 component definition: required fields, patterns, declared roles, unique v4 UUIDs', () => {
    const text = matrixOscal(m, OSCAL_OPTS);
    const { uuids, doc } = checkOscal(text);
    for (const u of uuids) assert.match(u, UUID_V4);
    assert.equal(new Set(uuids).size, uuids.length, 'every uuid unique');
    const cd = doc['component-definition'] as { metadata: { title: string; roles: { id: string }[] }; components: Obj[] };
    assert.deepEqual(cd.metadata.roles.map((r) => r.id), ['customer', 'aws']);
    assert.equal(cd.components.length, m.services.length, 'one component per service');
    cd.components.forEach((c, i) => {
      const s = m.services[i];
      assert.equal(c.title, s.name);
      const props = c.props as { name: string; value: string }[];
      assert.deepEqual(props.filter((p) => p.name === 'kind').map((p) => p.value), s.kinds.map((k) => k.kind));
      assert.equal(props.find((p) => p.name === 'resource-count')!.value, String(s.resources));
      const impl = (c['control-implementations'] as Obj[])[0];
      assert.equal(impl.source, 'https://aws.amazon.com/compliance/shared-responsibility-model/');
      const reqs = impl['implemented-requirements'] as { 'control-id': string; props: { name: string; value: string }[]; 'responsible-roles': { 'role-id': string }[] }[];
      assert.deepEqual(reqs.map((r) => r['control-id']), [...DUTIES]);
      reqs.forEach((r, di) => {
        const d = s.duties[di];
        const p = (n: string): number => Number(r.props.find((x) => x.name === n)!.value);
        assert.deepEqual([p('met'), p('gap'), p('unknown'), p('not-applicable'), p('not-expressible')], [d.counts.met, d.counts.gap, d.counts.unknown, d.counts.notApplicable, d.counts.notExpressible]);
        const owners = new Set(d.owners.map((o) => o.owner));
        const roles = r['responsible-roles'].map((x) => x['role-id']);
        assert.deepEqual(roles, ['customer', 'aws'].filter((x) => owners.has(x) || owners.has('shared')));
      });
    });
  });

  it('OSCAL output is reproducible and its UUIDs follow the content', async () => {
    const again = buildMatrix((await scan(EXAMPLES)).files);
    const a = matrixOscal(m, OSCAL_OPTS);
    assert.equal(matrixOscal(again, OSCAL_OPTS), a);
    const other = matrixOscal(m, { ...OSCAL_OPTS, lastModified: '2025-01-03T00:00:00+05:30' });
    const docId = (t: string): string => (JSON.parse(t)['component-definition'] as { uuid: string }).uuid;
    assert.notEqual(docId(other), docId(a), 'a revised document gets a new uuid');
    const compIds = (t: string): string[] => (JSON.parse(t)['component-definition'].components as { uuid: string }[]).map((c) => c.uuid);
    assert.deepEqual(compIds(other), compIds(a), 'a component keeps its uuid across revisions');
    assert.equal(contentUuid('x'), contentUuid('x'));
    assert.notEqual(contentUuid('x'), contentUuid('y'));
    // An empty matrix is still a valid document (components are optional, never an empty array).
    checkOscal(matrixOscal(buildMatrix([]), OSCAL_OPTS));
  });

  it('OSCAL refuses a last-modified without a time zone and escapes text from the report', () => {
    for (const bad of ['2025-01-02', '2025-01-02T03:04:05', '2025-02-30T00:00:00Z', 'yesterday']) assert.throws(() => matrixOscal(m, { ...OSCAL_OPTS, lastModified: bad }), RangeError);
    const evil = crafted([{ id: 'evil<x>', name: '<img src=x onerror=alert(1)> [a](javascript:x)', kind: 'weird kind', owner: 'shared' }]);
    const text = matrixOscal(buildMatrix([evil]), { title: '<script>', lastModified: '2025-01-02T03:04:05Z' });
    const { doc } = checkOscal(text);
    const c = (doc['component-definition'] as { components: { title: string; description: string }[]; metadata: { title: string } });
    const live = liveMarkdown(`${c.metadata.title}\n\n${c.components[0].title}\n\n${c.components[0].description}`);
    assert.deepEqual(live.tags.filter((t) => !['p', 'code'].includes(t)), []);
  });

  it('derives UUIDs from SHA-256 (checked against node:crypto)', () => {
    for (const s of ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'ü€𝄞 text', 'a'.repeat(1000)]) {
      assert.equal(Buffer.from(sha256(s)).toString('hex'), createHash('sha256').update(s, 'utf8').digest('hex'), JSON.stringify(s.slice(0, 10)));
    }
    const u = contentUuid('component', 's3');
    const h = createHash('sha256').update(['aws-responsibility-lens/matrix/oscal', 'component', 's3'].join('\u0000'), 'utf8').digest();
    h[6] = (h[6] & 0x0f) | 0x40;
    h[8] = (h[8] & 0x3f) | 0x80;
    assert.equal(u.replace(/-/g, ''), h.subarray(0, 16).toString('hex'));
  });
});
