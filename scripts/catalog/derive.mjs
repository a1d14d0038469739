// The catalog's pure derivation: CloudFormation spec + Terraform type lists + names_data.hcl → data/catalog.json.
// No I/O here, so the drift test can re-run it in-process.
import { NAMESPACE_TO_SERVICE, TYPE_TO_SERVICE, TERRAFORM_PREFIX_TO_SERVICE, CLOUDFORMATION_SUPPLEMENT } from './overrides.mjs';
import { SERVICE_NAMES } from './service-names.mjs';

const norm = (s) => String(s).toLowerCase().replace(/[^a-z0-9]/g, '');
const cfnNamespace = (type) => type.split('::').slice(0, 2).join('::');

/** Terraform service for a type by names_data.hcl: longest match of `actual` (regex) or `correct` (prefix). */
export function makeTerraformMatcher(namesData, { notImplemented = false } = {}) {
  const candidates = [];
  for (const s of namesData) {
    if (s.notImplemented !== notImplemented) continue;
    if (s.actual) candidates.push({ id: s.id, re: new RegExp(`^(?:${s.actual})`), actual: true });
    if (s.correct) candidates.push({ id: s.id, prefix: s.correct, actual: false });
  }
  return (type) => {
    let best;
    for (const c of candidates) {
      let len = -1;
      if (c.re) {
        const m = c.re.exec(type);
        if (m) len = m[0].length;
      } else if (type.startsWith(c.prefix)) {
        len = c.prefix.length;
      }
      if (len < 0) continue;
      if (!best || len > best.len || (len === best.len && c.actual && !best.actual)) best = { ...c, len };
    }
    return best?.id;
  };
}

/** CloudFormation namespace → Terraform service id by normalized name, SDK id, aliases, CLI name, then overrides. */
export function joinNamespaces(namespaces, namesData) {
  const keys = [
    (s) => [s.id],
    (s) => [s.providerNameUpper],
    (s) => [s.sdkId],
    (s) => [...s.aliases, s.cliNoDashes ?? ''],
  ];
  const result = {};
  for (const ns of namespaces) {
    if (NAMESPACE_TO_SERVICE[ns]) {
      result[ns] = { service: NAMESPACE_TO_SERVICE[ns], by: 'override' };
      continue;
    }
    const n = norm(ns.split('::')[1]);
    for (const [i, key] of keys.entries()) {
      const hit = namesData.find((s) => key(s).some((k) => k && norm(k) === n));
      if (hit) {
        result[ns] = { service: hit.id, by: ['id', 'provider-name', 'sdk-id', 'alias'][i] };
        break;
      }
    }
  }
  return result;
}

/** Full service name: override (with docs URL), else names_data's human_friendly with its brand, else the spec. */
function serviceName(id, namesEntry, specService) {
  const o = SERVICE_NAMES[id];
  if (o) return { name: o.name, nameSource: o.source };
  if (namesEntry?.humanFriendly) {
    const hf = namesEntry.humanFriendly;
    const brand = namesEntry.brand;
    const name = brand && !/^(AWS|Amazon)\b/.test(hf) ? `${brand} ${hf}` : hf;
    return { name, nameSource: 'names_data.hcl' };
  }
  return { name: `AWS ${specService?.capitalized ?? id}`, nameSource: '@aws-cdk/aws-service-spec' };
}

/**
 * @param {{ spec: ReturnType<import('./spec.mjs').readServiceSpec>, terraform: { package: string, packageVersion: string, provider: string, providerVersion: string, resources: string[], dataSources: string[] }, namesData: ReturnType<import('./names-data.mjs').readNamesData>, namesDataCommit: string }} input
 */
export function deriveCatalog({ spec, terraform, namesData, namesDataCommit }) {
  const namesById = new Map(namesData.map((s) => [s.id, s]));
  const namespaces = [...new Set(spec.types.map((t) => cfnNamespace(t.type)))].sort();
  const joins = joinNamespaces(namespaces, namesData);
  // CloudFormation-only services: the lowercased namespace (the publisher too when it is not AWS, e.g. alexaask).
  const nsServiceId = (ns) => joins[ns]?.service ?? norm(ns.startsWith('AWS::') ? ns.split('::')[1] : ns);

  /** @type {Map<string, { cloudformation: string[], terraform: string[], terraformData: string[], namespaces: Set<string> }>} */
  const services = new Map();
  const entry = (id) => {
    let e = services.get(id);
    if (!e) services.set(id, (e = { cloudformation: [], terraform: [], terraformData: [], namespaces: new Set() }));
    return e;
  };

  const specNames = new Set(spec.types.map((t) => t.type));
  const supplement = CLOUDFORMATION_SUPPLEMENT.filter((t) => !specNames.has(t));
  for (const t of [...spec.types, ...supplement.map((type) => ({ type }))]) {
    const ns = cfnNamespace(t.type);
    const rule = TYPE_TO_SERVICE.find((r) => r.pattern.test(t.type));
    const id = rule ? rule.service : nsServiceId(ns);
    const e = entry(id);
    e.cloudformation.push(t.type);
    e.namespaces.add(ns);
  }

  const match = makeTerraformMatcher(namesData);
  // Fallback for provider types newer than names_data.hcl: the longest run of leading name segments that spells a
  // CloudFormation namespace (aws_s3tables_table → AWS::S3Tables).
  const nsByNorm = new Map(namespaces.map((ns) => [norm(ns.split('::')[1]), ns]));
  const fallback = (type) => {
    const segs = type.replace(/^aws_/, '').split('_');
    for (let k = segs.length; k >= 1; k--) {
      const ns = nsByNorm.get(segs.slice(0, k).join(''));
      if (ns) return nsServiceId(ns);
    }
    return undefined;
  };
  // Services names_data.hcl still marks not_implemented that the newer provider implements (workmail, savingsplans).
  const matchNotImplemented = makeTerraformMatcher(namesData, { notImplemented: true });
  const overridePrefixes = Object.keys(TERRAFORM_PREFIX_TO_SERVICE).sort((a, b) => b.length - a.length);
  const override = (type) => {
    const p = overridePrefixes.find((x) => type.startsWith(x));
    return p ? TERRAFORM_PREFIX_TO_SERVICE[p] : undefined;
  };
  const mappedBy = { 'names_data.hcl': 0, 'cloudformation-namespace': 0, 'names_data.hcl not_implemented': 0, override: 0 };
  const unmapped = [];
  const place = (type, list) => {
    let id = override(type);
    if (id) mappedBy.override++;
    else if ((id = match(type))) mappedBy['names_data.hcl']++;
    else if ((id = fallback(type))) mappedBy['cloudformation-namespace']++;
    else if ((id = matchNotImplemented(type))) mappedBy['names_data.hcl not_implemented']++;
    if (!id) {
      unmapped.push(type);
      return;
    }
    entry(id)[list].push(type);
  };
  for (const t of terraform.resources) place(t, 'terraform');
  for (const t of terraform.dataSources) place(t, 'terraformData');

  const specByNs = new Map(spec.services.map((s) => [s.namespace, s]));
  const out = [...services.keys()].sort().map((id) => {
    const e = services.get(id);
    const nss = [...e.namespaces].sort();
    const { name, nameSource } = serviceName(id, namesById.get(id), specByNs.get(nss[0]));
    return {
      id,
      name,
      nameSource,
      ...(nss.length ? { cloudformationNamespaces: nss } : {}),
      ...(e.cloudformation.length ? { cloudformation: e.cloudformation.sort() } : {}),
      ...(e.terraform.length ? { terraform: e.terraform.sort() } : {}),
      ...(e.terraformData.length ? { terraformData: e.terraformData.sort() } : {}),
    };
  });

  return {
    catalog: {
      format: 1,
      generatedBy: 'node scripts/generate-catalog.mjs',
      sources: {
        '@aws-cdk/aws-service-spec': spec.version,
        [terraform.package]: terraform.packageVersion,
        [terraform.provider]: terraform.providerVersion,
        'terraform-provider-aws names/data/names_data.hcl': namesDataCommit,
      },
      counts: {
        cloudformationTypes: spec.types.length + supplement.length,
        cloudformationSpecTypes: spec.types.length,
        terraformResources: terraform.resources.length,
        terraformDataSources: terraform.dataSources.length,
        services: out.length,
      },
      cloudformationSupplement: supplement,
      terraformMappedBy: mappedBy,
      namespaceJoins: Object.fromEntries(namespaces.map((ns) => [ns, joins[ns] ? `${joins[ns].service} (${joins[ns].by})` : `${nsServiceId(ns)} (cloudformation-only)`])),
      services: out,
    },
    unmapped,
  };
}
