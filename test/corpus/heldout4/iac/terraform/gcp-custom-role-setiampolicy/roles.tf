resource "google_project_iam_custom_role" "onboarding_bot" {
  project     = var.project_id
  role_id     = "onboardingBot"
  title       = "Onboarding bot"
  description = "Grants new team members access to the project"
  permissions = [
    "resourcemanager.projects.get",
    "resourcemanager.projects.getIamPolicy",
    "resourcemanager.projects.setIamPolicy",
  ]
}

resource "google_project_iam_member" "onboarding_bot" {
  project = var.project_id
  role    = google_project_iam_custom_role.onboarding_bot.id
  member  = "serviceAccount:onboarding-bot@${var.project_id}.iam.gserviceaccount.com"
}

variable "project_id" {
  type = string
}
