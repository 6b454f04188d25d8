import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const env = pulumi.getStack();

const artifacts = new aws.s3.BucketV2("artifacts", {
    forceDestroy: env !== "prod",
});

const buildRole = new aws.iam.Role("build-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: "codebuild.amazonaws.com" },
            Action: "sts:AssumeRole",
        }],
    }),
    tags: { owner: "build-infra", env },
});

new aws.iam.RolePolicy("build-policy", {
    role: buildRole.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: "arn:aws:logs:*:*:log-group:/aws/codebuild/*",
            },
            {
                Effect: "Allow",
                Action: "s3:*",
                Resource: "*",
            },
        ],
    }),
});

export const roleArn = buildRole.arn;
export const bucketName = artifacts.bucket;
