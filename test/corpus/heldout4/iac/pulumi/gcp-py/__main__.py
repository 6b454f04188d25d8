import pulumi
import pulumi_gcp as gcp

project = gcp.config.project

ci_sa = gcp.serviceaccount.Account(
    "ci-deployer",
    account_id="ci-deployer",
    display_name="CI deployer",
)

gcp.projects.IAMMember(
    "ci-editor",
    project=project,
    role="roles/editor",
    member=ci_sa.email.apply(lambda e: f"serviceAccount:{e}"),
)

gcp.projects.IAMMember(
    "ci-artifact-writer",
    project=project,
    role="roles/artifactregistry.writer",
    member=ci_sa.email.apply(lambda e: f"serviceAccount:{e}"),
)

ci_key = gcp.serviceaccount.Key(
    "ci-deployer-key",
    service_account_id=ci_sa.name,
    public_key_type="TYPE_X509_PEM_FILE",
)

pulumi.export("ci_key", pulumi.Output.secret(ci_key.private_key))
