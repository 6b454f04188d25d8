import * as aws from "@pulumi/aws";

const assumeRole = aws.iam.getPolicyDocumentOutput({
    statements: [{
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [{
            type: "AWS",
            identifiers: ["*"],
        }],
    }],
});

export const sharedRole = new aws.iam.Role("shared-metrics-reader", {
    assumeRolePolicy: assumeRole.json,
    tags: { owner: "observability" },
});

new aws.iam.RolePolicyAttachment("shared-metrics-reader-cw", {
    role: sharedRole.name,
    policyArn: "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess",
});
