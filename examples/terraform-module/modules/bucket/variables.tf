variable "name" {
  type = string
}

variable "keep_versions" {
  type    = bool
  default = true
}
