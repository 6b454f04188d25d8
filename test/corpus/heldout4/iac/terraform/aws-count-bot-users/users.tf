variable "bot_names" {
  description = "Chat-ops bots that still need static keys"
  type        = list(string)
  default     = ["hubot", "errbot"]
}

resource "aws_iam_user" "bot" {
  count = length(var.bot_names)
  name  = "chatops-${var.bot_names[count.index]}"
  path  = "/bots/"
}

resource "aws_iam_access_key" "bot" {
  count = length(var.bot_names)
  user  = aws_iam_user.bot[count.index].name
}

resource "aws_iam_user_policy_attachment" "bot_readonly" {
  count      = length(var.bot_names)
  user       = aws_iam_user.bot[count.index].name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
