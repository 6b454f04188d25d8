import * as aws from "@pulumi/aws";

const domain = "notify.example.com";

const smtpUser = new aws.iam.User("smtp-user", {
    name: "ses-smtp",
    tags: { purpose: "transactional-mail" },
});

new aws.iam.UserPolicy("smtp-send", {
    user: smtpUser.name,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Action: "ses:SendRawEmail",
            Resource: `arn:aws:ses:us-east-1:123456789012:identity/${domain}`,
        }],
    }),
});

const smtpKey = new aws.iam.AccessKey("smtp-key", {
    user: smtpUser.name,
});

export const smtpUsername = smtpKey.id;
export const smtpPassword = smtpKey.sesSmtpPasswordV4;
