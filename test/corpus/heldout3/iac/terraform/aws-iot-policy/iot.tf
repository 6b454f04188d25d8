resource "aws_iot_policy" "fleet" {
  name = "sensor-fleet"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action   = ["iot:*"]
        Effect   = "Allow"
        Resource = "*"
      },
    ]
  })
}

resource "aws_iot_policy" "sensor" {
  name = "sensor-scoped"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["iot:Connect"]
        Resource = "arn:aws:iot:eu-west-1:123456789012:client/$${iot:Connection.Thing.ThingName}"
      },
      {
        Effect   = "Allow"
        Action   = ["iot:Publish"]
        Resource = "arn:aws:iot:eu-west-1:123456789012:topic/sensors/$${iot:Connection.Thing.ThingName}/telemetry"
      },
    ]
  })
}
