variable "name" {
  type = string
}

variable "queue_arn" {
  type = string
}

variable "tags" {
  type = map(string)
  default = {
    Owner     = "media-platform"
    ManagedBy = "terraform"
  }
}
