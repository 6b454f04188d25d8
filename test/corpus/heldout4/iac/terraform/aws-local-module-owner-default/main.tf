module "thumbnail_worker" {
  source = "./modules/worker-role"

  name      = "thumbnail-worker"
  queue_arn = aws_sqs_queue.thumbnails.arn
}

resource "aws_sqs_queue" "thumbnails" {
  name = "thumbnail-jobs"
}
