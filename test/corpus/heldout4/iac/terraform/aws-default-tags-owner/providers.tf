terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.20"
    }
  }
}

provider "aws" {
  region = "ap-southeast-2"

  default_tags {
    tags = {
      Environment = "production"
      Owner       = "search-team"
      Repository  = "github.com/acme/search-infra"
    }
  }
}
