/** Generates a large, valid Terraform file for performance tests (~900 bytes per resource). */
export function generateBigTerraform(resources: number): string {
  const parts: string[] = ['# generated\nvariable "env" {\n  default = "prod"\n}\n\n'];
  for (let i = 0; i < resources; i++) {
    parts.push(`resource "aws_s3_bucket" "b${i}" {
  bucket        = "bucket-\${var.env}-${i}"
  force_destroy = ${i % 2 === 0 ? 'true' : 'false'}
  tags = merge(local.tags, {
    Name  = "bucket-${i}" // trailing comment
    Index = ${i}
  })
  lifecycle_rule {
    id      = "rule-${i}"
    enabled = true
    expiration {
      days = ${30 + (i % 60)}
    }
  }
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.k.arn
      }
      bucket_key_enabled = true
    }
  }
  versioning {
    enabled = var.versioning_enabled && local.is_prod
  }
  /* block comment */
  policy = <<-EOF
    {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*"}]}
  EOF
  cors = [for o in var.origins : { origin = o, max_age = 3000 } if o != ""]
  acl  = var.public ? "public-read" : "private"
  replicas = aws_s3_bucket.b${i > 0 ? i - 1 : 0}[*].arn
}

`);
  }
  return parts.join('');
}
