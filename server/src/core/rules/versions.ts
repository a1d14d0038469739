/**
 * Versions and images (platform and application management): managed engines past the end of AWS standard support
 * (RDS / Aurora MySQL and PostgreSQL, ElastiCache Redis OSS, OpenSearch / Elasticsearch, Amazon MQ, EKS), and ECR
 * repositories whose tags can be overwritten or whose images are not scanned on push.
 *
 * The end-of-support dates are data (data/engine-support.json: per engine the AWS page and the day it was read; refresh
 * with scripts/gen-engine-support.ts). A version is reported from its end-of-standard-support date on, compared with the
 * analysis date: the registered rules use today's date, tests build the rules with a fixed one (`makeEngineRules`).
 */
import table from '../../../../data/engine-support.json';
import type { Resource } from '../model/types';
import { asBool, asText, equalsText, gapOutcome, isCfn, isClusterMember, leaf, leaves, mapsAt, replicaSource, settingRule } from './check';
import { get } from '../model/nodes';
import { RELATION } from '../values/links';
import { combine, met, notApplicable, unknown } from './outcome';
import type { Rule, RuleContext, RuleOutcome } from './rule-api';
import { createdOutside } from './created-link';

// ---- the table ----

export interface EngineSupport {
  readonly name: string;
  readonly source: string;
  readonly read: string;
  readonly upgrade: string;
  readonly versions: readonly { readonly version: string; readonly endOfStandardSupport: string }[];
}

/** Engine id (`rds-mysql`, `eks`...) → its support dates (data/engine-support.json). */
export const ENGINE_SUPPORT: Readonly<Record<string, EngineSupport>> = table.engines;

function parts(v: string): number[] {
  return v.split('.').map((p) => Number.parseInt(p, 10));
}

/** Numeric comparison of dotted versions on their common length ("5.7" vs "5.7.44" → 0). */
function compareCommon(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * When standard support of a version of an engine ends: the listed row the version belongs to ("5.7.44" → "5.7"), or,
 * for a version older than every listed one, the oldest row (`older`). Undefined for a newer or unlisted version.
 */
export function supportEnd(engine: string, version: string): { readonly end: string; readonly listed: string; readonly older: boolean } | undefined {
  const e = ENGINE_SUPPORT[engine];
  if (!e || !/^\d+(\.\d+)*$/.test(version)) return undefined;
  const v = parts(version);
  for (const row of e.versions) {
    const r = parts(row.version);
    // A version given with fewer parts than the row ("8" for "8.0") is not decided by it.
    if (v.length >= r.length && compareCommon(v, r) === 0) return { end: row.endOfStandardSupport, listed: row.version, older: false };
  }
  const oldest = e.versions[0];
  if (oldest && v.length >= parts(oldest.version).length && compareCommon(v, parts(oldest.version)) < 0) return { end: oldest.endOfStandardSupport, listed: oldest.version, older: true };
  return undefined;
}

/** Today as YYYY-MM-DD (UTC): the analysis date of the registered rules. */
export const systemToday = (): string => new Date().toISOString().slice(0, 10);

// ---- engine versions ----

/** What a resource runs: the engine table id and the version (as the table writes it), or why the rule does not apply. */
type Running = { readonly engine: string; readonly version: string; readonly label: string; readonly numeric?: boolean } | { readonly outcome: RuleOutcome };

interface EngineRuleSpec {
  readonly id: string;
  readonly title: string;
  readonly docUrl: string;
  readonly what: (resource: Resource) => string;
  readonly cfn: Readonly<Record<string, readonly (readonly string[])[]>>;
  readonly tf: Readonly<Record<string, readonly (readonly string[])[]>>;
  /** The version property's key for the resource (messages and the span). */
  readonly versionKey: (resource: Resource) => string;
  readonly running: (resource: Resource, ctx: RuleContext) => Running;
}

function engineRule(spec: EngineRuleSpec, today: () => string): Rule {
  const props = (m: Readonly<Record<string, readonly (readonly string[])[]>>): (readonly string[])[] => [...new Map(Object.values(m).flat().map((p) => [p.join('.'), p])).values()];
  return {
    id: spec.id,
    duty: 'platform-and-application-management',
    owner: 'customer',
    title: spec.title,
    docUrl: spec.docUrl,
    defaultSeverity: 'warning',
    cloudformationTypes: Object.keys(spec.cfn),
    terraformTypes: Object.keys(spec.tf),
    properties: { cloudformation: props(spec.cfn), terraform: props(spec.tf) },
    check(resource, ctx) {
      const r = spec.running(resource, ctx);
      if ('outcome' in r) return r.outcome;
      const end = supportEnd(r.engine, r.version);
      const e = ENGINE_SUPPORT[r.engine];
      // A version written as a number may have lost a trailing zero (YAML `1.30` is 1.3): not "older than every version".
      if (end?.older && r.numeric) return met(`${spec.versionKey(resource)}: ${r.version} is written as a number (quote it: a trailing zero is lost)`);
      if (!end || end.end > today()) return met(`${r.label} is under standard support (${e.name}, dates read ${e.read})`);
      const key = spec.versionKey(resource);
      const l = leaf(ctx, resource.properties, [key]);
      const span = l.kind === 'found' ? l.node.span : resource.typeSpan;
      const since = end.older ? `older than ${end.listed}, whose standard support ended ${end.end}` : `past the end of standard support on ${end.end}`;
      return gapOutcome(ctx, resource, this.duty, span, {
        what: spec.what(resource),
        problem: `runs ${r.label}, ${since} (only paid extended support, if any, still patches it)`,
        fix: `upgrade to a version under standard support (e.g. ${e.upgrade}) and set \`${key}\` to it`,
      });
    },
  };
}

/** A string property: its decided text, absent, or the outcome when the files do not decide it. */
function text(ctx: RuleContext, resource: Resource, key: string): { value?: string; numeric?: boolean; outcome?: RuleOutcome } {
  const l = leaf(ctx, resource.properties, [key]);
  if (l.kind === 'unknown') return { outcome: unknown(l.dependsOn) };
  if (l.kind === 'absent') return {};
  const s = asText(l.value);
  return s === undefined ? { outcome: unknown([`${key} is not a string`]) } : { value: s, numeric: typeof l.value === 'number' };
}

/** The major version of an engine version string, as the table lists them. */
function majorOf(engine: string, version: string): string | undefined {
  const v = version.trim().toLowerCase();
  switch (engine) {
    case 'rds-mysql':
    case 'mq-activemq':
    case 'mq-rabbitmq':
    case 'eks':
      return /^(\d+\.\d+)/.exec(v)?.[1];
    case 'rds-postgres':
    case 'aurora-postgresql': {
      // 9.6.x → 9.6 (older than every listed version); 13.7 → 13.
      const m = /^(\d+)(?:\.(\d+))?/.exec(v);
      if (!m) return undefined;
      return Number(m[1]) < 10 ? (m[2] === undefined ? undefined : `${m[1]}.${m[2]}`) : m[1];
    }
    case 'aurora-mysql': {
      // 5.7.mysql_aurora.2.11.2 → 2; 8.0.mysql_aurora.3.05.2 → 3; 5.6.10a (version 1); 5.7 → 2; 8.0 → 3.
      const m = /mysql_aurora\.(\d+)/.exec(v);
      if (m) return m[1];
      if (v.startsWith('5.6')) return '1';
      if (v.startsWith('5.7')) return '2';
      if (v.startsWith('8.0')) return '3';
      return undefined;
    }
    case 'elasticache-redis':
      return /^(\d+)/.exec(v)?.[1];
    default:
      return undefined;
  }
}

const RDS_ENGINES: Readonly<Record<string, { engine: string; name: string }>> = {
  mysql: { engine: 'rds-mysql', name: 'MySQL' },
  postgres: { engine: 'rds-postgres', name: 'PostgreSQL' },
  'aurora-mysql': { engine: 'aurora-mysql', name: 'Aurora MySQL' },
  aurora: { engine: 'aurora-mysql', name: 'Aurora MySQL' },
  'aurora-postgresql': { engine: 'aurora-postgresql', name: 'Aurora PostgreSQL' },
};

/** Shared by the engine rules: engine and version properties → what runs. */
function runningFrom(
  ctx: RuleContext,
  resource: Resource,
  o: { engineKey?: string; defaultEngine?: string; versionKey: string; defaultVersion?: string; engines: (engine: string) => { engine: string; name: string } | undefined; versionText?: (v: string) => string },
): Running {
  let engineName = o.defaultEngine;
  if (o.engineKey) {
    const e = text(ctx, resource, o.engineKey);
    if (e.outcome) return { outcome: e.outcome };
    if (e.value !== undefined) engineName = e.value;
  }
  if (engineName === undefined) return { outcome: notApplicable };
  const eng = o.engines(engineName.toLowerCase());
  if (!eng) return { outcome: notApplicable };
  const v = text(ctx, resource, o.versionKey);
  if (v.outcome) return { outcome: v.outcome };
  const version = v.value ?? o.defaultVersion;
  if (version === undefined) return { outcome: met(`${o.versionKey} not set: AWS creates it with a current default version`) };
  const shown = o.versionText ? o.versionText(version) : version;
  const major = majorOf(eng.engine, shown);
  if (major === undefined) return { outcome: met(`${o.versionKey}: ${version} (not a version the table decides)`) };
  const label = `${eng.name} ${eng.engine === 'aurora-mysql' ? `version ${major} (${version})` : shown}${v.value === undefined ? ' (the default)' : ''}`;
  return { engine: eng.engine, version: major, label, numeric: v.numeric };
}

/** The property an OpenSearch Service domain states its engine version in (the Elasticsearch types have their own). */
function opensearchVersionKey(r: Resource): string {
  return ({ 'AWS::OpenSearchService::Domain': 'EngineVersion', 'AWS::Elasticsearch::Domain': 'ElasticsearchVersion', aws_opensearch_domain: 'engine_version' } as Record<string, string>)[r.type] ?? 'elasticsearch_version';
}

export function makeEngineRules(today: () => string): { readonly rds: Rule; readonly elasticache: Rule; readonly opensearch: Rule; readonly mq: Rule; readonly eks: Rule } {
  const rds = engineRule(
    {
      id: 'rds-engine-end-of-support',
      title: 'RDS and Aurora databases run an engine version under standard support',
      docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support.html',
      what: (r) => (r.type === 'AWS::RDS::DBCluster' || r.type === 'aws_rds_cluster' ? 'DB cluster' : 'DB instance'),
      cfn: { 'AWS::RDS::DBInstance': [['Engine'], ['EngineVersion']], 'AWS::RDS::DBCluster': [['Engine'], ['EngineVersion']] },
      tf: { aws_db_instance: [['engine'], ['engine_version']], aws_rds_cluster: [['engine'], ['engine_version']] },
      versionKey: (r) => (isCfn(r) ? 'EngineVersion' : 'engine_version'),
      running(resource, ctx) {
        const cfn = isCfn(resource);
        // Aurora instances run their cluster's version; read replicas their source's (unless they name one).
        if (isClusterMember(ctx, resource)) return { outcome: notApplicable };
        const replica = replicaSource(ctx, resource);
        if (replica && !get(resource.properties, cfn ? 'EngineVersion' : 'engine_version')) return { outcome: replica };
        // Engine `aurora` is Aurora MySQL version 1 (MySQL 5.6 compatible): without a version, that is what it runs.
        // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraMySQLReleaseNotes/AuroraMySQL.Updates.Versions.html
        const written = leaf(ctx, resource.properties, [cfn ? 'Engine' : 'engine']);
        const v1 = written.kind === 'found' && asText(written.value)?.toLowerCase() === 'aurora' ? '5.6.10a' : undefined;
        return runningFrom(ctx, resource, { engineKey: cfn ? 'Engine' : 'engine', defaultEngine: resource.type === 'aws_rds_cluster' ? 'aurora' : undefined, versionKey: cfn ? 'EngineVersion' : 'engine_version', defaultVersion: v1, engines: (e) => RDS_ENGINES[e] });
      },
    },
    today,
  );
  const elasticache = engineRule(
    {
      id: 'elasticache-engine-end-of-support',
      title: 'ElastiCache (Redis OSS) runs an engine version under standard support',
      docUrl: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/extended-support.html',
      what: (r) => (r.type.toLowerCase().includes('replication') ? 'replication group' : 'cache cluster'),
      cfn: { 'AWS::ElastiCache::ReplicationGroup': [['Engine'], ['EngineVersion']], 'AWS::ElastiCache::CacheCluster': [['Engine'], ['EngineVersion']] },
      tf: { aws_elasticache_replication_group: [['engine'], ['engine_version']], aws_elasticache_cluster: [['engine'], ['engine_version']] },
      versionKey: (r) => (isCfn(r) ? 'EngineVersion' : 'engine_version'),
      running(resource, ctx) {
        const cfn = isCfn(resource);
        const group = resource.type === 'AWS::ElastiCache::ReplicationGroup' || resource.type === 'aws_elasticache_replication_group';
        // Members of a replication group run the group's version.
        if (!group && get(resource.properties, cfn ? 'ReplicationGroupId' : 'replication_group_id')) return { outcome: notApplicable };
        return runningFrom(ctx, resource, {
          engineKey: cfn ? 'Engine' : 'engine',
          defaultEngine: group ? 'redis' : undefined,
          versionKey: cfn ? 'EngineVersion' : 'engine_version',
          engines: (e) => (e === 'redis' ? { engine: 'elasticache-redis', name: 'Redis OSS' } : undefined),
        });
      },
    },
    today,
  );
  const opensearch = engineRule(
    {
      id: 'opensearch-engine-end-of-support',
      title: 'OpenSearch Service domains run an engine version under standard support',
      docUrl: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/what-is.html#choosing-version',
      what: () => 'domain',
      cfn: { 'AWS::OpenSearchService::Domain': [['EngineVersion']], 'AWS::Elasticsearch::Domain': [['ElasticsearchVersion']] },
      tf: { aws_opensearch_domain: [['engine_version']], aws_elasticsearch_domain: [['elasticsearch_version']] },
      versionKey: opensearchVersionKey,
      running(resource, ctx) {
        const legacy = resource.type === 'AWS::Elasticsearch::Domain' || resource.type === 'aws_elasticsearch_domain';
        const key = opensearchVersionKey(resource);
        const v = text(ctx, resource, key);
        if (v.outcome) return { outcome: v.outcome };
        // The Elasticsearch domain types default to Elasticsearch 1.5; the OpenSearch ones to the latest OpenSearch.
        if (v.value === undefined && !legacy) return { outcome: met(`${key} not set: AWS creates the domain with the latest OpenSearch version`) };
        const raw = v.value ?? '1.5';
        const m = legacy ? ['', 'Elasticsearch', raw] : /^(OpenSearch|Elasticsearch)_(.+)$/i.exec(raw);
        if (!m) return { outcome: met(`${key}: ${raw} (not a version the table decides)`) };
        const openSearch = m[1].toLowerCase() === 'opensearch';
        const major = /^(\d+\.\d+)/.exec(m[2])?.[1];
        if (!major) return { outcome: met(`${key}: ${raw} (not a version the table decides)`) };
        return { engine: openSearch ? 'opensearch-opensearch' : 'opensearch-elasticsearch', version: major, label: `${openSearch ? 'OpenSearch' : 'Elasticsearch'} ${m[2]}${v.value === undefined ? ` (the default when \`${key}\` is not set)` : ''}` };
      },
    },
    today,
  );
  const mq = engineRule(
    {
      id: 'mq-engine-end-of-support',
      title: 'Amazon MQ brokers run an engine version under support',
      docUrl: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/upgrading-brokers.html',
      what: () => 'broker',
      cfn: { 'AWS::AmazonMQ::Broker': [['EngineType'], ['EngineVersion']] },
      tf: { aws_mq_broker: [['engine_type'], ['engine_version']] },
      versionKey: (r) => (isCfn(r) ? 'EngineVersion' : 'engine_version'),
      running(resource, ctx) {
        const cfn = isCfn(resource);
        return runningFrom(ctx, resource, {
          engineKey: cfn ? 'EngineType' : 'engine_type',
          versionKey: cfn ? 'EngineVersion' : 'engine_version',
          engines: (e) => (e === 'activemq' ? { engine: 'mq-activemq', name: 'ActiveMQ' } : e === 'rabbitmq' ? { engine: 'mq-rabbitmq', name: 'RabbitMQ' } : undefined),
        });
      },
    },
    today,
  );
  const eks = engineRule(
    {
      id: 'eks-version-end-of-support',
      title: 'EKS clusters run a Kubernetes version under standard support',
      docUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html',
      what: () => 'cluster',
      cfn: { 'AWS::EKS::Cluster': [['Version']] },
      tf: { aws_eks_cluster: [['version']] },
      versionKey: (r) => (isCfn(r) ? 'Version' : 'version'),
      running(resource, ctx) {
        return runningFrom(ctx, resource, { defaultEngine: 'kubernetes', versionKey: isCfn(resource) ? 'Version' : 'version', engines: () => ({ engine: 'eks', name: 'Kubernetes' }) });
      },
    },
    today,
  );
  return { rds, elasticache, opensearch, mq, eks };
}

const ENGINE_RULES = makeEngineRules(systemToday);
export const rdsEngineEndOfSupport = ENGINE_RULES.rds;
export const elasticacheEngineEndOfSupport = ENGINE_RULES.elasticache;
export const opensearchEngineEndOfSupport = ENGINE_RULES.opensearch;
export const mqEngineEndOfSupport = ENGINE_RULES.mq;
export const eksVersionEndOfSupport = ENGINE_RULES.eks;

// ---- ECR ----

export const ecrImageTagImmutability = settingRule({
  id: 'ecr-image-tag-immutability',
  duty: 'platform-and-application-management',
  title: 'ECR repositories keep image tags immutable',
  docUrl: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html',
  defaultSeverity: 'information',
  paths: { 'AWS::ECR::Repository': [['ImageTagMutability']], aws_ecr_repository: [['image_tag_mutability']] },
  ok: equalsText('IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION'),
  fixValue: 'IMMUTABLE',
  absent: { gap: 'information', problem: 'lets a push overwrite an existing image tag (tags are mutable by default), so a tag may not name the image that was tested' },
  what: 'repository',
  problem: 'lets a push overwrite an existing image tag, so a tag may not name the image that was tested',
});

/** A repository name matched by an ECR wildcard filter (`*` any characters). */
function wildcardMatch(filter: string, name: string): boolean {
  const re = new RegExp('^' + filter.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(name);
}

/**
 * The registry scanning configuration(s) of the file: met when one scans this repository's images on push (enhanced
 * scanning, or basic scanning with a scan-on-push rule whose filter matches it); unknown when that is not decided here.
 */
function registryScanning(resource: Resource, ctx: RuleContext): RuleOutcome | undefined {
  const cfn = isCfn(resource);
  const outcomes: RuleOutcome[] = [];
  let name: string | undefined | null = null;
  const repoName = (): string | undefined => {
    if (name === null) {
      const l = leaf(ctx, resource.properties, [cfn ? 'RepositoryName' : 'name']);
      name = l.kind === 'found' ? asText(l.value) : undefined;
    }
    return name;
  };
  for (const { from: r } of ctx.links.to(resource, RELATION.registryScanning)) {
    const st = leaf(ctx, r.properties, [cfn ? 'ScanType' : 'scan_type']);
    if (st.kind === 'unknown') {
      outcomes.push(unknown(st.dependsOn.map((d) => `${r.id} scan type: ${d}`)));
      continue;
    }
    const enhanced = st.kind === 'found' && asText(st.value)?.toUpperCase() === 'ENHANCED';
    const rules = mapsAt(ctx, r.properties, [cfn ? 'Rules' : 'rule']);
    if (rules.dependsOn.length > 0) outcomes.push(unknown(rules.dependsOn));
    for (const rule of rules.maps) {
      const freq = leaf(ctx, rule, [cfn ? 'ScanFrequency' : 'scan_frequency']);
      if (freq.kind === 'unknown') {
        outcomes.push(unknown(freq.dependsOn));
        continue;
      }
      const f = freq.kind === 'found' ? asText(freq.value)?.toUpperCase() : undefined;
      // Enhanced scanning scans on push with either frequency; basic scanning only with SCAN_ON_PUSH.
      if (!(f === 'SCAN_ON_PUSH' || (enhanced && f === 'CONTINUOUS_SCAN'))) continue;
      for (const fl of leaves(ctx, rule, cfn ? ['RepositoryFilters', 'Filter'] : ['repository_filter', 'filter'])) {
        if (fl.kind === 'unknown') {
          outcomes.push(unknown(fl.dependsOn));
          continue;
        }
        const filter = fl.kind === 'found' ? asText(fl.value) : undefined;
        if (filter === undefined) continue;
        if (filter === '*') return met(`${r.id} scans every repository on push`);
        const n = repoName();
        if (n === undefined) outcomes.push(unknown([`${r.id}: whether filter "${filter}" matches this repository's name`]));
        else if (wildcardMatch(filter, n)) return met(`${r.id} scans this repository on push (filter "${filter}")`);
      }
    }
  }
  return outcomes.length > 0 ? combine(outcomes) : undefined;
}

export const ecrScanOnPush: Rule = {
  id: 'ecr-image-scan-on-push',
  duty: 'platform-and-application-management',
  owner: 'customer',
  title: 'ECR repositories scan images on push',
  docUrl: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html',
  defaultSeverity: 'information',
  cloudformationTypes: ['AWS::ECR::Repository'],
  terraformTypes: ['aws_ecr_repository'],
  properties: { cloudformation: [['ImageScanningConfiguration', 'ScanOnPush']], terraform: [['image_scanning_configuration', 'scan_on_push']] },
  check(resource, ctx) {
    const cfn = isCfn(resource);
    const path = cfn ? ['ImageScanningConfiguration', 'ScanOnPush'] : ['image_scanning_configuration', 'scan_on_push'];
    const l = leaf(ctx, resource.properties, path);
    if (l.kind === 'found' && asBool(l.value) === true) return met(`${path.join('.')}: true`);
    const registry = registryScanning(resource, ctx);
    if (registry?.status === 'met') return registry;
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    if (l.kind === 'found' && asBool(l.value) === undefined) return unknown([`${path.join('.')} has a value the rule does not recognize`]);
    if (registry?.status === 'unknown') return registry;
    // In a module instance: a registry scanning configuration outside it applies to this repository too.
    const outside = createdOutside(ctx, resource, ['aws_ecr_registry_scanning_configuration'], 'which may scan every repository of the registry');
    if (outside) return unknown(outside);
    return gapOutcome(
      ctx,
      resource,
      this.duty,
      l.kind === 'found' ? l.node.span : resource.typeSpan,
      {
        what: 'repository',
        problem: l.kind === 'found' ? 'has scan on push turned off, so pushed images are not checked for known vulnerabilities' : 'does not scan images on push (off by default) and no registry scanning configuration in this file does',
        fix: cfn ? 'set `ImageScanningConfiguration.ScanOnPush: true` (or configure enhanced scanning for the registry)' : 'set `image_scanning_configuration { scan_on_push = true }` (or add an `aws_ecr_registry_scanning_configuration` with `scan_type = "ENHANCED"`)',
      },
      { fix: { title: `Set ${path.join('.')} to true`, path, value: true } },
    );
  },
};
