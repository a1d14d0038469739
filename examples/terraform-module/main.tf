# A Terraform root module split over several files, as most projects are. The analysis reads the whole folder:
# variables.tf and terraform.tfvars decide var.* values, storage.tf configures the site bucket, and the local module
# ./modules/bucket is analysed with the arguments given here.

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "site" {
  bucket = "example-site-${var.environment}"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 50
  # terraform.tfvars sets encrypt_volumes = false: a gap, although the default in variables.tf is true.
  encrypted = var.encrypt_volumes
}

module "logs" {
  source = "./modules/bucket"
  name   = "example-logs-${var.environment}"
  # The module reads this for its versioning: the gap is reported here, at the argument.
  keep_versions = false
}

module "archive" {
  source        = "./modules/bucket"
  name          = "example-archive-${var.environment}"
  keep_versions = true
}
