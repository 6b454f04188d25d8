import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const bucket = new aws.s3.BucketV2("reports");

const readerRole = new aws.iam.Role("reports-reader", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
    tags: { Team: "analytics" },
});

new aws.iam.RolePolicy("reports-reader-s3", {
    role: readerRole.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:ListBucket"],
            Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
        }],
    }),
});
