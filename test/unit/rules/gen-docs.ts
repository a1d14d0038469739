/**
 * Writes docs/rules/<rule-id>.md and docs/rules/README.md from the rule registry and the test fixtures (the failing
 * and passing snippets are the examples). Run: `node --import tsx test/unit/rules/gen-docs.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DUTIES, type DutyId } from '../../../server/src/core/model/duties';
import { dutyName } from '../../../server/src/core/rules/message';
import { RULES } from '../../../server/src/core/rules';
import type { Rule } from '../../../server/src/core/rules/rule-api';
import { CASES } from './fixtures';

/** The index section for checks outside the rule registry (their pages are hand-written). */
const META = `

| Id | Default severity | What |
|---|---|---|
| [\`unknown-resource-type\`](unknown-resource-type.md) | warning | The type looks like AWS but is in no catalog ("did you mean …" with a quick fix) |
| [\`suppression-missing-reason\`](suppression-missing-reason.md) | warning | A suppression without a reason does not apply |
| [\`unused-suppression\`](unused-suppression.md) | information | A suppression that suppresses nothing |
| [\`unknown-rule-in-suppression\`](unknown-rule-in-suppression.md) | warning | A suppression names a rule that does not exist |
| [\`invalid-suppression\`](invalid-suppression.md) | warning | A malformed CloudFormation \`Metadata\` suppression |
`;

const OUT = path.resolve(__dirname, '..', '..', '..', 'docs', 'rules');

/** Why each rule exists, and what the model says about the owner (one or two sentences). */
const WHY: Record<string, string> = {
  'ebs-volume-encryption': 'EBS is an infrastructure service: encrypting volumes is the customer\'s duty. Volumes are unencrypted unless `Encrypted` is set or EBS encryption by default is on for the account and Region (Terraform `aws_ebs_encryption_by_default` in the same file counts; CloudFormation has no resource for that setting).',
  'ec2-block-device-encryption': 'EC2 is an infrastructure service. Block devices declared on an instance are unencrypted unless `Encrypted` is set or EBS encryption by default is on. Devices the file does not declare (the AMI root volume) are reported as unknown: they follow the AMI snapshot and the account default.',
  'launch-template-block-device-encryption': 'Launch templates and launch configurations create the volumes of every instance an Auto Scaling group starts; their EBS devices are the customer\'s to encrypt, as for instances.',
  'rds-storage-encryption': 'RDS is a container service. The seed model does not state who owns encryption at rest there; this product records the refinement that AWS implements it and the customer turns it on (`StorageEncrypted`, default false). Aurora instances and read replicas take encryption from their cluster / source and are skipped.',
  'rds-cluster-storage-encryption': 'New Aurora clusters are encrypted at rest by default since 18 February 2026 (an AWS owned key unless `KmsKeyId` names one), so only an explicit `StorageEncrypted: false` is a gap there; Multi-AZ DB clusters of other engines encrypt only when `StorageEncrypted` is true. Aurora Serverless v1 is always encrypted. Restores and replicas inherit their source\'s setting and are unknown when the file does not decide.',
  'docdb-storage-encryption': 'Amazon DocumentDB clusters are unencrypted unless `StorageEncrypted` is true; the customer opts in, AWS implements it.',
  'neptune-storage-encryption': 'Neptune clusters are unencrypted unless `StorageEncrypted` is true; the customer opts in, AWS implements it.',
  'efs-encryption': 'EFS is classified as a managed service, so the model gives encryption at rest to AWS; but the API default for `Encrypted` is false, so the switch is the customer\'s. Reported as Information (a customer switch on an AWS-owned duty).',
  'elasticache-at-rest-encryption': 'ElastiCache is a container service: at-rest encryption of replication groups is opt-in (`AtRestEncryptionEnabled`, default false for Redis OSS). Valkey defaults are reported as unknown.',
  'redshift-cluster-encryption': 'New provisioned Redshift clusters are encrypted by default (CloudFormation documents `Encrypted` default true, and false is rejected), so only an explicit `false` is reported.',
  'opensearch-at-rest-encryption': 'OpenSearch Service domains encrypt data at rest only when `EncryptionAtRestOptions.Enabled` is true.',
  'emr-at-rest-encryption': 'EMR clusters encrypt local disks and EMRFS data only through a security configuration that enables at-rest encryption (a refinement of the seed: EMR encryption is customer opt-in).',
  'kinesis-stream-encryption': 'Kinesis Data Streams is classified as managed, so the model gives encryption at rest to AWS; streams are still stored unencrypted unless server-side encryption is turned on. Reported as Information.',
  'sns-topic-encryption': 'SNS is a managed service; server-side encryption with KMS is a customer switch (`KmsMasterKeyId`). Reported as Information.',
  'elbv2-listener-https': 'Encryption in transit between clients and the load balancer is configured by the customer: a plain HTTP listener should redirect to HTTPS. (ELB is classified as managed; the listener protocol is still the customer\'s setting.)',
  'elb-classic-listener-https': 'Classic Load Balancer listeners on plain HTTP carry traffic unencrypted; use HTTPS/SSL listeners.',
  'cloudfront-viewer-https': 'A viewer protocol policy of `allow-all` lets viewers use plain HTTP; `redirect-to-https` or `https-only` protect the traffic.',
  'elasticache-transit-encryption': 'ElastiCache traffic is unencrypted unless `TransitEncryptionEnabled` is true; network traffic protection is the customer\'s duty for container services.',
  'opensearch-node-to-node-encryption': 'Traffic between OpenSearch nodes is encrypted only when node-to-node encryption is enabled.',
  'opensearch-enforce-https': 'OpenSearch domains accept plain HTTP unless `EnforceHTTPS` is true (Terraform defaults it to true once `domain_endpoint_options` is written).',
  'msk-encryption-in-transit': 'MSK encrypts client-broker traffic with TLS by default; `TLS_PLAINTEXT`/`PLAINTEXT` or `InCluster: false` turn it off.',
  'security-group-open-ingress': 'Security groups are the customer\'s firewall for every kind of service. Administration and database ports or all ports open to 0.0.0.0/0 or ::/0 are Errors, other ports Warnings; HTTP/HTTPS (80/443) open to the world are what public web servers do and are not reported. Covers inline rules, `AWS::EC2::SecurityGroupIngress`, `aws_security_group` ingress blocks, `aws_security_group_rule` and `aws_vpc_security_group_ingress_rule`.',
  'network-acl-open-admin-ports': 'Network ACLs are the subnet-level firewall the customer configures. Allowing SSH (22) or RDP (3389) in from the world is a Warning; an allow-all entry (the default ACL posture, which leaves filtering to security groups) is Information.',
  'rds-publicly-accessible': 'A publicly accessible DB instance gets a public DNS name and IP address. Without `PubliclyAccessible` and without a DB subnet group, the instance lands in the default VPC, where it is public if that VPC has an internet gateway: reported as unknown.',
  'redshift-publicly-accessible': 'Redshift clusters are private by default (`PubliclyAccessible` default false); an explicit true puts the cluster on the internet.',
  'dms-replication-instance-public': 'DMS replication instances are public by default in CloudFormation and the API (`PubliclyAccessible` default true); the Terraform provider defaults to false.',
  'eks-public-endpoint': 'The EKS Kubernetes API endpoint is public and open to 0.0.0.0/0 by default. It is still authenticated, so this is a Warning: restrict `PublicAccessCidrs` or use the private endpoint.',
  'subnet-map-public-ip': 'A subnet with `MapPublicIpOnLaunch` gives every instance a public IP address. Intended for public subnets, so reported as Information.',
  'ec2-public-ip': 'Instances, launch templates and launch configurations that request a public IP address are reachable from the internet (subject to security groups). Without the setting, the subnet decides.',
  'ecs-service-public-ip': 'ECS services with `AssignPublicIp: ENABLED` give each task a public IP address.',
  'msk-public-access': 'MSK public access (`SERVICE_PROVIDED_EIPS`) puts the brokers on the internet.',
  'ec2-imdsv2-required': 'The instance metadata service is part of the guest configuration the customer owns for EC2. IMDSv1 can be abused through SSRF to steal role credentials; `HttpTokens: required` turns it off. An explicit `optional` is a Warning; a missing setting is Information (the AMI or the account default may already require IMDSv2).',
  'lambda-deprecated-runtime': 'AWS patches Lambda runtimes, but the runtime is the customer\'s choice even in a managed service. Runtimes past their deprecation date no longer get security patches. The list of deprecated runtimes comes from the Lambda runtimes page.',
  'auto-minor-version-upgrade': 'AWS publishes engine patches for container services; turning automatic minor version upgrades off makes applying them the customer\'s job. Reported as Information.',
  'iam-policy-wildcard': 'Identity and access management is always the customer\'s. `Action: "*"` on `Resource: "*"` is full administrator access (Error); every action of a whole service (`s3:*`) or `Action: "*"` on specific resources is a Warning.',
  'resource-policy-public': 'A resource policy statement that allows `Principal: "*"` without a condition opens the resource to anyone (S3 bucket, SQS, SNS, KMS, ECR, Secrets Manager, OpenSearch policies, Lambda permissions). Inside a VPC (OpenSearch `VPCOptions`), it is a Warning.',
  'lambda-permission-source': 'A Lambda permission for an AWS service principal without `SourceArn`/`SourceAccount` lets that service invoke the function on behalf of any account (confused deputy).',
  'lambda-function-url-public': 'A function URL with `AuthType: NONE` lets anyone on the internet invoke the function.',
  'iam-user-inline-policy': 'IAM best practice is to grant permissions to groups or roles rather than inline to users. Information.',
  'iam-user-access-key': 'Access keys are long-term credentials; workloads should use roles with temporary credentials.',
  'plaintext-secret': 'Secrets in a template are visible to anyone who can read the template or the stack. AWS access key ids are Errors; literal values of password/secret/token properties, secret-looking environment variables and passwords in user data are Warnings. References (`Ref`, `var.x`, `{{resolve:secretsmanager:…}}`) are fine.',
  's3-public-access-block': 'S3 is a managed service, but public access is customer configuration. Since April 2023 new buckets block public access by default, so a missing block is Information; an explicitly disabled setting is a Warning.',
  's3-bucket-public-acl': 'A public canned ACL (`PublicRead`, `PublicReadWrite`, `AuthenticatedRead`) exposes the bucket\'s objects.',
  'public-snapshot-or-image': 'Snapshots and AMIs shared with `all` are public. Covers EBS snapshot block public access, AMI launch permissions, RDS snapshot sharing and Image Builder distributions.',
  'rds-backup-retention': 'Customer data is always the customer\'s: a backup retention period of 0 turns automated RDS backups off.',
  'dynamodb-point-in-time-recovery': 'DynamoDB point-in-time recovery is off by default. Information.',
  'elasticache-snapshot-retention': 'ElastiCache (Redis OSS / Valkey) keeps no automatic backups unless `SnapshotRetentionLimit` is above 0. Information.',
  'deletion-protection': 'Deletion protection (or CloudFormation `DeletionPolicy: Retain/Snapshot`, Terraform `lifecycle { prevent_destroy = true }`) keeps a database from being deleted by a stack or plan change. Information.',
  's3-versioning': 'Versioning keeps earlier object versions (recovery from overwrites, deletes and ransomware). Information.',
};

/** Indents HCL by brace depth (fixtures are written flat). */
function indentHcl(text: string): string {
  let depth = 0;
  return text
    .split('\n')
    .map((l) => {
      const t = l.trim();
      if (t.startsWith('}')) depth = Math.max(0, depth - 1);
      const out = '  '.repeat(depth) + t;
      if (t.endsWith('{') || t.endsWith('<<EOF')) depth += t.endsWith('{') ? 1 : 0;
      return out;
    })
    .join('\n');
}

function block(lang: string, text: string | undefined): string {
  if (text && lang === 'hcl') text = indentHcl(text);
  return text ? '```' + lang + '\n' + text.replace(/^Parameters:\n  P:\n    Type: String\n/, '').replace(/^variable "p" \{\}\n/, '').trimEnd() + '\n```\n' : '';
}

function page(r: Rule): string {
  const c = CASES.find((x) => x.rule === r.id);
  const types = [...r.cloudformationTypes.map((t) => `\`${t}\``), ...r.terraformTypes.map((t) => `\`${t}\``)].join(', ');
  const props = [...(r.properties?.cloudformation ?? []).map((p) => p.join('.')), ...(r.properties?.terraform ?? []).map((p) => p.join('.'))];
  return `# ${r.id}: ${r.title}

- **Duty:** ${dutyName(r.duty)} (\`${r.duty}\`)
- **Owner of the setting:** ${r.owner}
- **Default severity:** ${r.defaultSeverity}
- **Resource types:** ${types}
- **Properties read:** ${[...new Set(props)].map((p) => `\`${p}\``).join(', ')}
- **AWS source:** ${r.docUrl}

## What it checks and why

${WHY[r.id] ?? r.title + '.'}

Values the file does not decide (a parameter without default, \`var.x\` without default, an attribute of another
resource, a \`dynamic\` block) are never reported: the duty shows as *unknown* with what it depends on.

## How to fix

Failing:

${block('yaml', c?.cfn?.fail)}${block('hcl', c?.tf?.fail)}
Passing:

${block('yaml', c?.cfn?.pass ?? c?.cfn?.linked)}${block('hcl', c?.tf?.pass ?? c?.tf?.linked)}
## How to suppress

- A comment on the line above the resource (or the property): \`# aws-responsibility-ignore ${r.id}: <reason>\`
- CloudFormation resource metadata:

\`\`\`yaml
Metadata:
  aws-responsibility:
    ignore:
      - rule: ${r.id}
        reason: <why this is accepted>
\`\`\`

- Or change the severity / turn the rule off for a workspace: \`"awsResponsibility.rules": { "${r.id}": "off" }\`.

Source: ${r.docUrl}
`;
}

fs.mkdirSync(OUT, { recursive: true });
for (const r of RULES) fs.writeFileSync(path.join(OUT, `${r.id}.md`), page(r));
const byDuty = new Map<DutyId, Rule[]>();
for (const r of RULES) byDuty.set(r.duty, [...(byDuty.get(r.duty) ?? []), r]);
let index = `# Rules

Every rule checks one customer-side setting of the AWS Shared Responsibility Model and names the duty it serves.
Severity: **error** = internet exposure or full administrator access; **warning** = a customer duty not met;
**information** = recommended hardening, or a customer switch on a duty the model gives to AWS.

`;
for (const d of DUTIES) {
  const rs = byDuty.get(d);
  if (!rs) continue;
  index += `## ${dutyName(d)} (\`${d}\`)\n\n| Rule | Default severity | Title |\n|---|---|---|\n`;
  for (const r of rs) index += `| [${r.id}](${r.id}.md) | ${r.defaultSeverity} | ${r.title} |\n`;
  index += '\n';
}
// Checks that are not rules of the registry (catalog and suppression checks) have hand-written pages.
index += `## Checks that are not about a duty${META}`;
fs.writeFileSync(path.join(OUT, 'README.md'), index.replace(/\n+$/, '\n'));
console.log(`wrote ${RULES.length} rule pages`);

