variable "name" {
  type = string
}

variable "trusted_service" {
  type = string
}

variable "policy_arns" {
  type        = map(string)
  description = "Managed policies to attach, keyed by a stable name"
  default     = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
