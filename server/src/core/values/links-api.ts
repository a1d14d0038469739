import type { Resource } from '../model/types';

/** One resource configuring another (a duty met by a separate resource counts as met on the one it protects). */
export interface Link {
  /** The resource that configures (e.g. aws_s3_bucket_public_access_block.b / AWS::EC2::SecurityGroupIngress). */
  readonly from: Resource;
  /** The resource it configures (the bucket / the security group / the volume). */
  readonly to: Resource;
  /** What the link is: 'public-access-block', 'sse-configuration', 'versioning', 'ingress', 'egress', 'bucket-policy', 'volume-attachment', ... */
  readonly relation: string;
}

export interface LinkIndex {
  /** Links that configure `target`, optionally filtered by relation. */
  to(target: Resource, relation?: string): readonly Link[];
  /** Links from `source`. */
  from(source: Resource, relation?: string): readonly Link[];
}
