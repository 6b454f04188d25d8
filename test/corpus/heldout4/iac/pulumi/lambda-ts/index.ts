import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const tags = { owner: "checkout", service: "receipts" };

const table = new aws.dynamodb.Table("receipts", {
    attributes: [{ name: "id", type: "S" }],
    hashKey: "id",
    billingMode: "PAY_PER_REQUEST",
    tags,
});

const role = new aws.iam.Role("receipts-fn", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
    managedPolicyArns: [aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole],
    tags: { owner: "checkout", service: "receipts" },
});

new aws.iam.RolePolicy("receipts-table", {
    role: role.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
            Resource: table.arn,
        }],
    }),
});

export const roleName = role.name;
