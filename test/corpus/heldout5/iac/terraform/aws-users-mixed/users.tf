locals {
  team_tags = {
    owner = "data-eng"
  }
}

resource "aws_iam_user" "airflow" {
  name = "airflow-scheduler"
  tags = local.team_tags
}

resource "aws_iam_user" "tableau" {
  name = "tableau-extracts"
  tags = {
    Name = "tableau-extracts"
  }
}

resource "aws_iam_user_group_membership" "tableau" {
  user   = aws_iam_user.tableau.name
  groups = ["bi-readers"]
}
