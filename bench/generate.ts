/** Generates synthetic but realistic CloudFormation YAML/JSON and Terraform files with N resources (a mix of types, ~1 KB each). */
export type Format = 'yaml' | 'json' | 'tf';

interface Spec {
  type: string;
  tf: string;
  props: Record<string, unknown>;
  tfBody: string;
}

const SPECS: ((i: number) => Spec)[] = [
  (i) => ({
    type: 'AWS::EC2::Volume',
    tf: 'aws_ebs_volume',
    props: { AvailabilityZone: 'us-east-1a', Size: 100 + (i % 50), VolumeType: 'gp3', Encrypted: i % 3 === 0, Tags: tags(i) },
    tfBody: `  availability_zone = "us-east-1a"\n  size = ${100 + (i % 50)}\n  type = "gp3"\n  encrypted = ${i % 3 === 0}\n${tfTags(i)}`,
  }),
  (i) => ({
    type: 'AWS::S3::Bucket',
    tf: 'aws_s3_bucket',
    props: {
      BucketName: `bucket-${i}-data`,
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: i % 2 ? { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } : undefined,
      Tags: tags(i),
    },
    tfBody: `  bucket = "bucket-${i}-data"\n${tfTags(i)}`,
  }),
  (i) => ({
    type: 'AWS::EC2::SecurityGroup',
    tf: 'aws_security_group',
    props: {
      GroupDescription: `Security group ${i}`,
      VpcId: { Ref: 'VpcId' },
      SecurityGroupIngress: [
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: i % 4 ? '10.0.0.0/8' : '0.0.0.0/0' },
      ],
      Tags: tags(i),
    },
    tfBody: `  name = "sg-${i}"\n  vpc_id = var.vpc_id\n  ingress {\n    from_port = 443\n    to_port = 443\n    protocol = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n  ingress {\n    from_port = 22\n    to_port = 22\n    protocol = "tcp"\n    cidr_blocks = ["${i % 4 ? '10.0.0.0/8' : '0.0.0.0/0'}"]\n  }\n${tfTags(i)}`,
  }),
  (i) => ({
    type: 'AWS::RDS::DBInstance',
    tf: 'aws_db_instance',
    props: {
      Engine: 'postgres', DBInstanceClass: 'db.t3.medium', AllocatedStorage: '100', StorageEncrypted: i % 2 === 0,
      PubliclyAccessible: false, MasterUsername: 'admin', MasterUserPassword: { Ref: 'DbPassword' }, BackupRetentionPeriod: 7, Tags: tags(i),
    },
    tfBody: `  engine = "postgres"\n  instance_class = "db.t3.medium"\n  allocated_storage = 100\n  storage_encrypted = ${i % 2 === 0}\n  publicly_accessible = false\n  username = "admin"\n  password = var.db_password\n${tfTags(i)}`,
  }),
  (i) => ({
    type: 'AWS::Lambda::Function',
    tf: 'aws_lambda_function',
    props: {
      Runtime: 'python3.12', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, MemorySize: 256, Timeout: 30,
      Code: { ZipFile: `def handler(event, context):\n    return ${i}\n` }, Environment: { Variables: { STAGE: 'prod', INDEX: String(i) } }, Tags: tags(i),
    },
    tfBody: `  function_name = "fn-${i}"\n  runtime = "python3.12"\n  handler = "index.handler"\n  role = aws_iam_role.role.arn\n  memory_size = 256\n  environment {\n    variables = {\n      STAGE = "prod"\n    }\n  }\n${tfTags(i)}`,
  }),
];

function tags(i: number): { Key: string; Value: string }[] {
  return [
    { Key: 'Name', Value: `resource-${i}` },
    { Key: 'Team', Value: `team-${i % 17}` },
    { Key: 'CostCenter', Value: `cc-${i % 101}` },
    { Key: 'Environment', Value: 'production' },
    { Key: 'Owner', Value: `owner-${i % 23}@example.com` },
    { Key: 'Application', Value: `application-${i % 31}` },
    { Key: 'DataClassification', Value: i % 2 ? 'confidential' : 'internal' },
    { Key: 'Backup', Value: i % 3 ? 'daily' : 'weekly' },
    { Key: 'Compliance', Value: 'pci-dss' },
    { Key: 'Description', Value: `Synthetic resource number ${i} of the benchmark template` },
  ];
}
function tfTags(i: number): string {
  return `  tags = {\n    Name = "resource-${i}"\n    Team = "team-${i % 17}"\n    CostCenter = "cc-${i % 101}"\n    Environment = "production"\n    Owner = "owner-${i % 23}@example.com"\n    Application = "application-${i % 31}"\n    DataClassification = "${i % 2 ? 'confidential' : 'internal'}"\n    Backup = "${i % 3 ? 'daily' : 'weekly'}"\n    Compliance = "pci-dss"\n    Description = "Synthetic resource number ${i} of the benchmark template"\n  }\n`;
}

function strip<T>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

export function generate(format: Format, n: number): string {
  if (format === 'tf') {
    let out = 'variable "vpc_id" {}\nvariable "db_password" {\n  sensitive = true\n}\n\n';
    for (let i = 0; i < n; i++) {
      const s = SPECS[i % SPECS.length](i);
      out += `resource "${s.tf}" "r${i}" {\n${s.tfBody}}\n\n`;
    }
    return out;
  }
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const s = SPECS[i % SPECS.length](i);
    resources[`Resource${i}`] = { Type: s.type, Properties: strip(s.props) };
  }
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Synthetic template with ${n} resources`,
    Parameters: { VpcId: { Type: 'AWS::EC2::VPC::Id' }, DbPassword: { Type: 'String', NoEcho: true } },
    Resources: resources,
  };
  if (format === 'json') return JSON.stringify(template, null, 2) + '\n';
  return toYaml(template, 0) ;
}

/** Small YAML emitter in CloudFormation style: short-form !Ref / !GetAtt, block scalars for multi-line strings. */
function toYaml(v: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    return v.map((item) => `${pad}- ${toYaml(item, indent + 2).trimStart()}`).join('');
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'Ref') return `${pad}!Ref ${String(o.Ref)}\n`;
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') return `${pad}!GetAtt ${(o['Fn::GetAtt'] as string[]).join('.')}\n`;
    return keys
      .map((k) => {
        const val = o[k];
        if (val && typeof val === 'object') {
          const inner = toYaml(val, indent + 2);
          if (!Array.isArray(val) && inner.trimStart().startsWith('!')) return `${pad}${k}: ${inner.trimStart()}`;
          return `${pad}${k}:\n${inner}`;
        }
        return `${pad}${k}: ${scalar(val, indent + 2)}\n`;
      })
      .join('');
  }
  return `${pad}${scalar(v, indent)}\n`;
}

function scalar(v: unknown, indent: number): string {
  if (typeof v === 'string') {
    if (v.includes('\n')) return '|\n' + v.trimEnd().split('\n').map((l) => ' '.repeat(indent) + l).join('\n');
    if (/^[\w./ :@-]+$/.test(v) && !/^(true|false|null|[\d.-]+)$/.test(v) && !v.includes(': ') && !v.endsWith(':')) return v;
    return JSON.stringify(v);
  }
  return String(v);
}
