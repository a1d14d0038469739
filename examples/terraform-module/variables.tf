variable "environment" {
  type    = string
  default = "dev"
}

variable "encrypt_volumes" {
  type    = bool
  default = true
}
