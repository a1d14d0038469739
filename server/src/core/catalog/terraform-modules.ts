/**
 * Terraform module sources → the AWS service the module creates. Covers the terraform-aws-modules organization's
 * popular modules (registry `terraform-aws-modules/<name>/aws`, or its GitHub repository `terraform-aws-<name>`).
 */
const MODULE_SERVICE: Record<string, string> = {
  vpc: 'vpc',
  'security-group': 'vpc',
  'vpn-gateway': 'vpnsite',
  'customer-gateway': 'vpnsite',
  'transit-gateway': 'transitgateway',
  'network-firewall': 'networkfirewall',
  'ec2-instance': 'ec2',
  'key-pair': 'ec2',
  autoscaling: 'autoscaling',
  alb: 'elbv2',
  elb: 'elb',
  'global-accelerator': 'globalaccelerator',
  rds: 'rds',
  'rds-aurora': 'rds',
  'rds-proxy': 'rds',
  'dynamodb-table': 'dynamodb',
  elasticache: 'elasticache',
  'memory-db': 'memorydb',
  redshift: 'redshift',
  'msk-kafka-cluster': 'kafka',
  opensearch: 'opensearch',
  dms: 'dms',
  emr: 'emr',
  's3-bucket': 's3',
  efs: 'efs',
  fsx: 'fsx',
  lambda: 'lambda',
  'step-functions': 'sfn',
  eventbridge: 'events',
  'apigateway-v2': 'apigatewayv2',
  appsync: 'appsync',
  'app-runner': 'apprunner',
  batch: 'batch',
  ecs: 'ecs',
  ecr: 'ecr',
  eks: 'eks',
  'eks-pod-identity': 'eks',
  iam: 'iam',
  kms: 'kms',
  acm: 'acm',
  'secrets-manager': 'secretsmanager',
  'ssm-parameter': 'ssm',
  cloudfront: 'cloudfront',
  route53: 'route53',
  sns: 'sns',
  sqs: 'sqs',
  'notify-slack': 'sns',
  cloudwatch: 'cloudwatch',
  'managed-service-prometheus': 'amp',
  'managed-service-grafana': 'grafana',
  atlantis: 'ecs',
  'datadog-forwarders': 'lambda',
  'cloudwatch-logs': 'logs',
  'cloudtrail': 'cloudtrail',
  'ssm-document': 'ssm',
  'organizations': 'organizations',
};

/** The service a module source creates, or undefined for sources this table does not know. */
export function moduleService(source: string): string | undefined {
  const s = source.trim();
  // registry: [host/]terraform-aws-modules/<name>/aws[//sub]
  const reg = /^(?:[a-z0-9.-]+\.[a-z]{2,}\/)?terraform-aws-modules\/([a-z0-9-]+)\/aws(?:\/\/.*)?$/i.exec(s);
  if (reg) return MODULE_SERVICE[reg[1].toLowerCase()];
  // git / GitHub: ...terraform-aws-modules/terraform-aws-<name>(.git)[//sub][?ref=...]
  const git = /terraform-aws-modules\/terraform-aws-([a-z0-9-]+?)(?:\.git)?(?:\/\/[^?]*)?(?:\?.*)?$/i.exec(s);
  if (git) return MODULE_SERVICE[git[1].toLowerCase()];
  return undefined;
}
