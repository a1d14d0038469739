// Hand-written joins the generator cannot derive from names alone. Every entry is a name-to-name fact
// (CloudFormation namespace / type → Terraform provider service), checked against both sources by hand.

/** CloudFormation namespace → Terraform service id, where names, SDK ids and aliases do not match. */
export const NAMESPACE_TO_SERVICE = {
  'AWS::APS': 'amp',
  'AWS::AmazonMQ': 'mq',
  'AWS::CertificateManager': 'acm',
  'AWS::Cassandra': 'keyspaces',
  'AWS::CodeDeploy': 'deploy',
  'AWS::Config': 'configservice',
  'AWS::DirectoryService': 'ds',
  'AWS::ElasticLoadBalancing': 'elb',
  'AWS::ElasticLoadBalancingV2': 'elbv2',
  'AWS::OpenSearchService': 'opensearch',
  'AWS::KinesisFirehose': 'firehose',
  'AWS::MSK': 'kafka',
  'AWS::SDB': 'simpledb',
  'AWS::StepFunctions': 'sfn',
  'AWS::SSO': 'ssoadmin',
  'AWS::Macie': 'macie2',
  'AWS::InspectorV2': 'inspector2',
  'AWS::Lex': 'lexv2models',
  'AWS::Route53RecoveryControl': 'route53recoverycontrolconfig',
  'AWS::SystemsManagerSAP': 'ssmsap',
  'AWS::CloudHSM': 'cloudhsmv2',
  'AWS::S3Express': 's3',
  'AWS::S3ObjectLambda': 's3control',
  'AWS::SMSVOICE': 'pinpointsmsvoicev2',
  'AWS::EventSchemas': 'schemas',
  'AWS::Timestream': 'timestreamwrite',
  'AWS::RefactorSpaces': 'migrationhubrefactorspaces',
  'AWS::NimbleStudio': 'nimble',
  'AWS::IoTCoreDeviceAdvisor': 'iotdeviceadvisor',
  'AWS::Cases': 'connectcases',
  'AWS::BCMDataExports': 'bcmdataexports',
  'AWS::Cognito': 'cognitoidp',
};

/**
 * CloudFormation types whose Terraform counterpart lives in another service than their namespace's
 * (EC2's sub-services in the provider, Cognito's two APIs, SAM's transforms). First match wins.
 * @type {{ pattern: RegExp, service: string }[]}
 */
export const TYPE_TO_SERVICE = [
  // EBS (names_data sub-service ec2ebs)
  { pattern: /^AWS::EC2::(Volume|VolumeAttachment|SnapshotBlockPublicAccess|EBSDefaultKmsKey|EBSEncryptionByDefault)$/, service: 'ec2ebs' },
  // Transit Gateway, Client VPN, Site-to-Site VPN, IPAM, Verified Access, Wavelength, Outposts local gateways
  { pattern: /^AWS::EC2::TransitGateway/, service: 'transitgateway' },
  { pattern: /^AWS::EC2::ClientVpn/, service: 'vpnclient' },
  { pattern: /^AWS::EC2::(VPNConnection|VPNConnectionRoute|VPNGateway|VPNGatewayRoutePropagation|VPNConcentrator|CustomerGateway)$/, service: 'vpnsite' },
  { pattern: /^AWS::EC2::IPAM/, service: 'ipam' },
  { pattern: /^AWS::EC2::VerifiedAccess/, service: 'verifiedaccess' },
  { pattern: /^AWS::EC2::CarrierGateway$/, service: 'wavelength' },
  { pattern: /^AWS::EC2::LocalGateway/, service: 'ec2outposts' },
  // VPC (names_data sub-service vpc): network fabric, firewalls, endpoints, flow logs, ENIs
  {
    pattern:
      /^AWS::EC2::(VPC\w*|Subnet\w*|SecurityGroup\w*|NetworkAcl\w*|SubnetNetworkAclAssociation|RouteTable|Route|RouteServer\w*|InternetGateway|EgressOnlyInternetGateway|NatGateway|NetworkInterface\w*|DHCPOptions|VPCDHCPOptionsAssociation|FlowLog|PrefixList|GatewayRouteTableAssociation|SubnetRouteTableAssociation|NetworkInsights\w*|TrafficMirror\w*|NetworkPerformanceMetricSubscription)$/,
    service: 'vpc',
  },
  // Cognito: identity pools are the cognito-identity API, the rest the user-pool API (cognito-idp)
  { pattern: /^AWS::Cognito::IdentityPool/, service: 'cognitoidentity' },
  { pattern: /^AWS::Cognito::/, service: 'cognitoidp' },
  // Timestream: InfluxDB and scheduled queries are separate APIs
  { pattern: /^AWS::Timestream::InfluxDBInstance$/, service: 'timestreaminfluxdb' },
  { pattern: /^AWS::Timestream::ScheduledQuery$/, service: 'timestreamquery' },
  // S3: control-plane (account-level) resources
  { pattern: /^AWS::S3::(AccessPoint|MultiRegionAccessPoint\w*|StorageLens\w*|AccessGrant\w*)$/, service: 's3control' },
  // SAM (AWS::Serverless::*) expands to these services' resources
  { pattern: /^AWS::Serverless::(Function|LayerVersion|CapacityProvider)$/, service: 'lambda' },
  { pattern: /^AWS::Serverless::Api$/, service: 'apigateway' },
  { pattern: /^AWS::Serverless::HttpApi$/, service: 'apigatewayv2' },
  { pattern: /^AWS::Serverless::SimpleTable$/, service: 'dynamodb' },
  { pattern: /^AWS::Serverless::StateMachine$/, service: 'sfn' },
  { pattern: /^AWS::Serverless::GraphQLApi$/, service: 'appsync' },
  { pattern: /^AWS::Serverless::Application$/, service: 'serverlessrepo' },
  { pattern: /^AWS::Serverless::Connector$/, service: 'iam' },
  { pattern: /^AWS::Serverless::WebSocketApi$/, service: 'apigatewayv2' },
];

/**
 * Terraform type prefixes that neither names_data.hcl's prefixes nor a CloudFormation namespace place (services newer
 * than names_data.hcl, or names outside their service's prefix). Longest prefix wins.
 */
export const TERRAFORM_PREFIX_TO_SERVICE = {
  aws_lb_hosted_zone_id: 'elbv2', // data source for ALB/NLB hosted zones
  aws_mailmanager_: 'ses', // SES Mail Manager (CloudFormation: AWS::SES::MailManager*)
  aws_pinpointsmsvoicev2_: 'pinpointsmsvoicev2', // End User Messaging SMS (CloudFormation: AWS::SMSVOICE)
  aws_lambdacore_: 'lambdacore',
  aws_lambdamicrovms_: 'lambdamicrovms',
};

/**
 * SAM resource types (AWS::Serverless::*) that the SAM transform accepts but @aws-cdk/aws-service-spec does not list.
 * Source: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-resources-and-properties.html
 */
export const CLOUDFORMATION_SUPPLEMENT = [
  'AWS::Serverless::CapacityProvider',
  'AWS::Serverless::Connector',
  'AWS::Serverless::GraphQLApi',
  'AWS::Serverless::WebSocketApi',
];
