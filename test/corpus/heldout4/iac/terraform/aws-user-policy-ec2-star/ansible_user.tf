# Used by the on-prem Ansible controller to manage the EC2 build fleet.
resource "aws_iam_user" "ansible" {
  name = "ansible-controller"
  tags = {
    Contact = "infra-oncall@acme.io"
  }
}

resource "aws_iam_user_policy" "ansible_ec2" {
  name = "ansible-ec2"
  user = aws_iam_user.ansible.name

  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "ec2:*",
      "Resource": "*"
    }
  ]
}
EOT
}
