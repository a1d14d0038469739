/** Operating system and platform management: instance metadata (IMDSv2), runtimes past end of support, version upgrades, privileged containers and builds. */
import { get } from '../model/nodes';
import { asBool, asText, equalsText, fixSpec, gapOutcome, isCfn, isFalse, isTrue, leaf, mapsAt, settingRule } from './check';
import { combine, met, notApplicable, unknown } from './outcome';
import { Hole, partialJson, type PartialValue } from './partial';
import type { Rule, RuleOutcome } from './rule-api';
import { createdLink, createdOutside } from './created-link';

export const imdsv2Required = settingRule({
  id: 'ec2-imdsv2-required',
  duty: 'operating-system-configuration',
  title: 'EC2 instances require IMDSv2 (no IMDSv1)',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html',
  defaultSeverity: 'warning',
  paths: {
    'AWS::EC2::Instance': [['MetadataOptions', 'HttpTokens']],
    'AWS::EC2::LaunchTemplate': [['LaunchTemplateData', 'MetadataOptions', 'HttpTokens']],
    'AWS::AutoScaling::LaunchConfiguration': [['MetadataOptions', 'HttpTokens']],
    aws_instance: [['metadata_options', 'http_tokens']],
    aws_spot_instance_request: [['metadata_options', 'http_tokens']],
    aws_launch_template: [['metadata_options', 'http_tokens']],
    aws_launch_configuration: [['metadata_options', 'http_tokens']],
  },
  ok: equalsText('required'),
  fixValue: 'required',
  absent: {
    gap: 'information',
    problem: 'does not require IMDSv2 (IMDSv1 stays available unless the AMI or the account default requires IMDSv2)',
  },
  what: 'instance configuration',
  problem: 'allows IMDSv1 (`HttpTokens` is not `required`)',
  before: (resource, ctx) => {
    const cfn = isCfn(resource);
    const base = resource.type === 'AWS::EC2::LaunchTemplate' ? ['LaunchTemplateData', 'MetadataOptions'] : [cfn ? 'MetadataOptions' : 'metadata_options'];
    const endpoint = leaf(ctx, resource.properties, [...base, cfn ? 'HttpEndpoint' : 'http_endpoint']);
    if (endpoint.kind === 'found' && asText(endpoint.value)?.toLowerCase() === 'disabled') return met('the instance metadata endpoint is disabled');
    const tokens = leaf(ctx, resource.properties, [...base, cfn ? 'HttpTokens' : 'http_tokens']);
    // An instance launched from a launch template takes its metadata options from the template (checked on its own).
    if (tokens.kind === 'absent' && (resource.type === 'AWS::EC2::Instance' || resource.type === 'aws_instance' || resource.type === 'aws_spot_instance_request') && get(resource.properties, cfn ? 'LaunchTemplate' : 'launch_template')) {
      return unknown(['the launch template the instance is launched from']);
    }
    // Not set here: the account's default for the Region applies at launch (Terraform aws_ec2_instance_metadata_defaults).
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html
    if (tokens.kind === 'absent' && !cfn) {
      const created = createdLink(ctx, ctx.links.to(resource, 'instance-metadata-defaults'));
      if (created && 'dependsOn' in created) return unknown(created.dependsOn);
      if (created) {
        const d = leaf(ctx, created.link.from.properties, ['http_tokens']);
        if (d.kind === 'unknown') return unknown(d.dependsOn);
        if (d.kind === 'found' && asText(d.value)?.toLowerCase() === 'required') return met(`the account default (${created.link.from.id}) requires IMDSv2`);
      }
      const outside = createdOutside(ctx, resource, ['aws_ec2_instance_metadata_defaults'], 'which may require IMDSv2 for the account');
      if (outside) return unknown(outside);
    }
    return undefined;
  },
});

/**
 * Lambda runtimes past (or reaching) their deprecation date, after which Lambda no longer applies security patches, with
 * the runtime to move to (the newest of its language). A runtime is reported from its date on, so scheduled dates can be
 * listed ahead. Source: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (supported runtimes with their
 * scheduled deprecation dates, and the deprecated runtimes table); checked 2026-11-28.
 */
export const DEPRECATED_RUNTIMES: ReadonlyMap<string, { readonly deprecated: string; readonly upgrade: string }> = new Map([
  ['python2.7', { deprecated: '2021-07-15', upgrade: 'python3.13' }],
  ['python3.6', { deprecated: '2022-07-18', upgrade: 'python3.13' }],
  ['python3.7', { deprecated: '2023-12-04', upgrade: 'python3.13' }],
  ['python3.8', { deprecated: '2024-10-14', upgrade: 'python3.13' }],
  ['python3.9', { deprecated: '2025-12-15', upgrade: 'python3.13' }],
  ['nodejs', { deprecated: '2016-10-31', upgrade: 'nodejs24.x' }],
  ['nodejs4.3', { deprecated: '2020-03-05', upgrade: 'nodejs24.x' }],
  ['nodejs4.3-edge', { deprecated: '2019-04-30', upgrade: 'nodejs24.x' }],
  ['nodejs6.10', { deprecated: '2019-08-12', upgrade: 'nodejs24.x' }],
  ['nodejs8.10', { deprecated: '2020-03-06', upgrade: 'nodejs24.x' }],
  ['nodejs10.x', { deprecated: '2021-07-30', upgrade: 'nodejs24.x' }],
  ['nodejs12.x', { deprecated: '2023-03-31', upgrade: 'nodejs24.x' }],
  ['nodejs14.x', { deprecated: '2023-12-04', upgrade: 'nodejs24.x' }],
  ['nodejs16.x', { deprecated: '2024-06-12', upgrade: 'nodejs24.x' }],
  ['nodejs18.x', { deprecated: '2025-09-01', upgrade: 'nodejs24.x' }],
  ['nodejs20.x', { deprecated: '2026-04-30', upgrade: 'nodejs24.x' }],
  ['java8', { deprecated: '2024-01-08', upgrade: 'java21' }],
  ['dotnetcore1.0', { deprecated: '2019-07-30', upgrade: 'dotnet10' }],
  ['dotnetcore2.0', { deprecated: '2019-05-30', upgrade: 'dotnet10' }],
  ['dotnetcore2.1', { deprecated: '2022-01-05', upgrade: 'dotnet10' }],
  ['dotnetcore3.1', { deprecated: '2023-04-03', upgrade: 'dotnet10' }],
  ['dotnet5.0', { deprecated: '2022-05-10', upgrade: 'dotnet10' }],
  ['dotnet6', { deprecated: '2024-12-20', upgrade: 'dotnet10' }],
  ['dotnet7', { deprecated: '2024-05-14', upgrade: 'dotnet10' }],
  ['dotnet8', { deprecated: '2026-11-10', upgrade: 'dotnet10' }],
  ['ruby2.5', { deprecated: '2021-07-30', upgrade: 'ruby3.4' }],
  ['ruby2.7', { deprecated: '2023-12-07', upgrade: 'ruby3.4' }],
  ['ruby3.2', { deprecated: '2026-03-31', upgrade: 'ruby3.4' }],
  ['go1.x', { deprecated: '2023-12-31', upgrade: 'provided.al2023' }],
  ['provided', { deprecated: '2023-12-31', upgrade: 'provided.al2023' }],
]);

export const lambdaDeprecatedRuntime: Rule = {
  id: 'lambda-deprecated-runtime',
  duty: 'platform-and-application-management',
  owner: 'customer',
  title: 'Lambda functions do not use a deprecated runtime',
  docUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
  terraformTypes: ['aws_lambda_function'],
  properties: { cloudformation: [['Runtime']], terraform: [['runtime']] },
  check(resource, ctx) {
    const key = isCfn(resource) ? 'Runtime' : 'runtime';
    const l = leaf(ctx, resource.properties, [key]);
    if (l.kind === 'unknown') return unknown(l.dependsOn);
    if (l.kind === 'absent') return notApplicable; // container images choose their runtime in the image
    const runtime = asText(l.value);
    if (runtime === undefined) return unknown([`${key} is not a string`]);
    const d = DEPRECATED_RUNTIMES.get(runtime.toLowerCase());
    if (!d || d.deprecated > new Date().toISOString().slice(0, 10)) return met(`${key}: ${runtime} is supported`);
    return gapOutcome(
      ctx,
      resource,
      this.duty,
      l.node.span,
      {
        what: 'function',
        // Whose the runtime is, is the message's tail: "(platform and application management · shared: you choose the runtime …)".
        problem: `uses the ${runtime} runtime, deprecated since ${d.deprecated} (no more security patches)`,
        fix: isCfn(resource) ? `set \`Runtime: ${d.upgrade}\` and test the code on it` : `set \`runtime = "${d.upgrade}"\` and test the code on it`,
      },
      { fix: fixSpec([key], d.upgrade) },
    );
  },
};

export const autoMinorVersionUpgrade = settingRule({
  id: 'auto-minor-version-upgrade',
  duty: 'platform-and-application-management',
  title: 'Managed databases and brokers take automatic minor version upgrades',
  docUrl: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades',
  defaultSeverity: 'information',
  paths: {
    'AWS::RDS::DBInstance': [['AutoMinorVersionUpgrade']],
    'AWS::DocDB::DBInstance': [['AutoMinorVersionUpgrade']],
    'AWS::Neptune::DBInstance': [['AutoMinorVersionUpgrade']],
    'AWS::ElastiCache::ReplicationGroup': [['AutoMinorVersionUpgrade']],
    'AWS::ElastiCache::CacheCluster': [['AutoMinorVersionUpgrade']],
    'AWS::DMS::ReplicationInstance': [['AutoMinorVersionUpgrade']],
    'AWS::AmazonMQ::Broker': [['AutoMinorVersionUpgrade']],
    'AWS::Redshift::Cluster': [['AllowVersionUpgrade']],
    aws_db_instance: [['auto_minor_version_upgrade']],
    aws_rds_cluster_instance: [['auto_minor_version_upgrade']],
    aws_docdb_cluster_instance: [['auto_minor_version_upgrade']],
    aws_neptune_cluster_instance: [['auto_minor_version_upgrade']],
    aws_elasticache_replication_group: [['auto_minor_version_upgrade']],
    aws_elasticache_cluster: [['auto_minor_version_upgrade']],
    aws_dms_replication_instance: [['auto_minor_version_upgrade']],
    aws_mq_broker: [['auto_minor_version_upgrade']],
    aws_redshift_cluster: [['allow_version_upgrade']],
  },
  ok: isTrue,
  fixValue: true,
  absent: 'met',
  what: 'resource',
  problem: 'has automatic minor version upgrades turned off, so engine security patches wait for a manual upgrade',
});

/**
 * A container with `Privileged: true` gets elevated privileges on its container instance, much like root on the host
 * (not valid on Fargate). Security Hub ECS.4. CloudFormation lists containers as YAML/JSON; Terraform gives
 * `container_definitions` as a JSON document (`jsonencode`, a heredoc), read as far as the file decides it.
 */
export const ecsPrivilegedContainer: Rule = {
  id: 'ecs-privileged-container',
  duty: 'platform-and-application-management',
  owner: 'customer',
  title: 'ECS containers do not run privileged',
  docUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security',
  defaultSeverity: 'warning',
  cloudformationTypes: ['AWS::ECS::TaskDefinition'],
  terraformTypes: ['aws_ecs_task_definition'],
  properties: { cloudformation: [['ContainerDefinitions', 'Privileged']], terraform: [['container_definitions']] },
  check(resource, ctx) {
    const problem = (name: string | undefined): string => `runs ${name ? `container \`${name}\`` : 'a container'} privileged (root-like access to the host)`;
    const outcomes: RuleOutcome[] = [];
    if (isCfn(resource)) {
      const containers = mapsAt(ctx, resource.properties, ['ContainerDefinitions']);
      for (const c of containers.maps) {
        const l = leaf(ctx, c, ['Privileged']);
        if (l.kind === 'unknown') outcomes.push(unknown(l.dependsOn));
        else if (l.kind === 'absent') outcomes.push(met('Privileged not set: false by default'));
        else {
          const b = asBool(l.value);
          if (b === undefined) outcomes.push(unknown(['Privileged is not a boolean']));
          else if (!b) outcomes.push(met('Privileged: false'));
          else {
            const name = ctx.values.evaluate(get(c, 'Name'));
            const n = name.known && typeof name.value === 'string' ? name.value : undefined;
            outcomes.push(gapOutcome(ctx, resource, this.duty, l.node.span, { what: 'task definition', problem: problem(n), fix: 'remove `Privileged: true` (grant only the Linux capabilities the container needs)' }, { fix: fixSpec(['ContainerDefinitions', 'Privileged'], false) }));
          }
        }
      }
      if (containers.dependsOn.length > 0) outcomes.push(unknown(containers.dependsOn));
      return outcomes.length === 0 ? notApplicable : combine(outcomes);
    }
    const node = get(resource.properties, 'container_definitions');
    if (!node) return notApplicable;
    const p = partialJson(ctx, node);
    if (!p) {
      const ev = ctx.values.evaluate(node);
      return unknown(ev.known ? ['container_definitions is not a JSON document the file writes'] : ev.dependsOn);
    }
    if ('error' in p) return unknown(['container_definitions is not valid JSON']);
    const containers = Array.isArray(p.value) ? (p.value as readonly PartialValue[]) : [p.value];
    for (const c of containers) {
      if (c instanceof Hole) {
        outcomes.push(unknown(c.dependsOn));
        continue;
      }
      if (!c || typeof c !== 'object' || Array.isArray(c)) continue;
      const o = c as { readonly [k: string]: PartialValue };
      const v = o.privileged;
      if (v instanceof Hole) outcomes.push(unknown(v.dependsOn));
      else if (v === undefined || v === null || v === false || v === 'false') outcomes.push(met('privileged not set or false'));
      else if (v === true || v === 'true') {
        const name = typeof o.name === 'string' ? o.name : undefined;
        outcomes.push(gapOutcome(ctx, resource, this.duty, node.span, { what: 'task definition', problem: problem(name), fix: 'remove `"privileged": true` from the container definition (grant only the Linux capabilities the container needs)' }));
      } else outcomes.push(unknown(['privileged is not a boolean']));
    }
    return outcomes.length === 0 ? notApplicable : combine(outcomes);
  },
};

/**
 * CodeBuild runs a build in a container on an AWS-managed host; privileged mode gives that container the host's
 * devices, as the Docker daemon inside it needs to build images (Security Hub CodeBuild.5). Off by default. A project
 * that builds Docker images needs it: Information, to be suppressed there with its reason.
 */
export const codebuildPrivilegedMode = settingRule({
  id: 'codebuild-privileged-mode',
  duty: 'platform-and-application-management',
  title: 'CodeBuild projects do not run builds in privileged mode',
  docUrl: 'https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectEnvironment.html',
  defaultSeverity: 'information',
  paths: { 'AWS::CodeBuild::Project': [['Environment', 'PrivilegedMode']], aws_codebuild_project: [['environment', 'privileged_mode']] },
  ok: isFalse,
  fixValue: false,
  absent: 'met',
  what: 'project',
  problem: "runs its builds in privileged mode (the build container gets the host's devices; only building Docker images needs it)",
});

/**
 * `pidMode: host` puts a task's containers in the container instance's process namespace: they see, and can signal,
 * every process of the host (Security Hub ECS.3). Unset, each container has a private namespace; Fargate accepts only
 * `task`.
 */
export const ecsHostPidMode = settingRule({
  id: 'ecs-host-pid-mode',
  duty: 'platform-and-application-management',
  title: "ECS task definitions do not share the host's process namespace",
  docUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#other_task_definition_params',
  defaultSeverity: 'warning',
  paths: { 'AWS::ECS::TaskDefinition': [['PidMode']], aws_ecs_task_definition: [['pid_mode']] },
  ok: (v) => {
    const s = asText(v);
    return s === undefined ? undefined : s.toLowerCase() !== 'host';
  },
  fixValue: 'task',
  absent: 'met',
  what: 'task definition',
  problem: "shares the host's process namespace (its containers see and can signal every process of the instance)",
});

