# A Terraform configuration. Hover a resource type (aws_instance, aws_s3_bucket...) to see who owns each
# security duty; the Problems panel lists the duties that are yours and not met in this file.

variable "encrypt_volumes" {
  type    = bool
  default = false
}

variable "admin_cidr" {
  type = string
}

resource "aws_security_group" "web" {
  name        = "web"
  description = "Web servers"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0", "::/0"]
  }
}

resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = [var.admin_cidr]
}

resource "aws_instance" "web" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web.id]

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdb"
    volume_size = 100
    encrypted   = false
  }
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = var.encrypt_volumes
}

resource "aws_db_instance" "main" {
  engine                      = "postgres"
  instance_class              = "db.t3.medium"
  allocated_storage           = 50
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  publicly_accessible         = true
}

resource "aws_s3_bucket" "assets" {
  bucket = "example-assets"
}

resource "aws_s3_bucket_public_access_block" "assets" {
  bucket                  = aws_s3_bucket.assets.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "logs" {
  bucket = "example-logs"
}

resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "random_id" "suffix" {
  byte_length = 4
}
