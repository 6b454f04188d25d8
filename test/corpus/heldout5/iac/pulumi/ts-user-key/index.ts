import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const env = pulumi.getStack();

const uploader = new aws.iam.User("legacy-uploader", {
    name: `legacy-uploader-${env}`,
    tags: { Owner: "integrations@acme.io" },
});

new aws.iam.UserPolicy("legacy-uploader-policy", {
    user: uploader.name,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Action: ["s3:PutObject"],
            Resource: "arn:aws:s3:::acme-partner-drop/incoming/*",
        }],
    }),
});

const uploaderKey = new aws.iam.AccessKey("legacy-uploader-key", {
    user: uploader.name,
});

export const accessKeyId = uploaderKey.id;
export const secretAccessKey = pulumi.secret(uploaderKey.secret);
