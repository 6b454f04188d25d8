/**
 * Public IAM risk knowledge (Rhino Security Labs' escalation methods, Bishop Fox's
 * iam-vulnerable, AWS managed policy names), kept as plain data.
 */

/** Actions that on their own let an identity grant itself more rights, with why. */
export const ESCALATION_ACTIONS: Record<string, string> = {
  'iam:createpolicyversion': 'can publish a new default version of a policy it is attached to',
  'iam:setdefaultpolicyversion': 'can switch a policy to a more permissive version',
  'iam:attachuserpolicy': 'can attach any managed policy (AdministratorAccess) to a user',
  'iam:attachgrouppolicy': 'can attach any managed policy to a group',
  'iam:attachrolepolicy': 'can attach any managed policy to a role',
  'iam:putuserpolicy': 'can write any inline policy on a user',
  'iam:putgrouppolicy': 'can write any inline policy on a group',
  'iam:putrolepolicy': 'can write any inline policy on a role',
  'iam:createaccesskey': 'can mint access keys for other users',
  'iam:createloginprofile': 'can set a console password for other users',
  'iam:updateloginprofile': "can reset other users' console passwords",
  'iam:updateassumerolepolicy': 'can let itself assume any role',
  'iam:addusertogroup': 'can join a more privileged group',
  'iam:passrole': 'can hand any role to a service it controls',
  'sts:assumerole': 'can assume any role that trusts the account',
};

/** Actions that run code or infrastructure as a passed role: with iam:PassRole they escalate. */
export const PASSROLE_COMPANIONS: Record<string, string> = {
  'lambda:createfunction': 'create a Lambda function',
  'lambda:updatefunctionconfiguration': 'reconfigure a Lambda function',
  'ec2:runinstances': 'launch an EC2 instance',
  'glue:createdevendpoint': 'create a Glue dev endpoint',
  'glue:createjob': 'create a Glue job',
  'cloudformation:createstack': 'create a CloudFormation stack',
  'cloudformation:updatestack': 'update a CloudFormation stack',
  'datapipeline:createpipeline': 'create a Data Pipeline',
  'sagemaker:createnotebookinstance': 'create a SageMaker notebook',
  'sagemaker:createtrainingjob': 'create a SageMaker training job',
  'codebuild:createproject': 'create a CodeBuild project',
  'ecs:registertaskdefinition': 'register an ECS task definition',
  'ecs:runtask': 'run an ECS task',
  'autoscaling:createlaunchconfiguration': 'create a launch configuration',
  'ec2:createlaunchtemplate': 'create a launch template',
};

/** AWS managed policies that amount to administrator (or account-takeover) rights. */
export const PRIVILEGED_MANAGED_POLICIES: Record<string, string> = {
  administratoraccess: 'full administrator',
  poweruseraccess: 'everything but IAM user management',
  iamfullaccess: 'full IAM, which is administrator in one step',
  awsorganizationsfullaccess: 'full control of the AWS organization',
  'administratoraccess-amplify': 'administrator through Amplify',
  'administratoraccess-awselasticbeanstalk': 'administrator through Elastic Beanstalk',
};

/** The AWS managed policy an ARN (or a bare SAM policy name) names, else undefined. */
export function managedPolicyName(value: string): string | undefined {
  const marker = ':iam::aws:policy/';
  const at = value.indexOf(marker);
  if (at >= 0) return value.slice(value.lastIndexOf('/') + 1);
  return /^[A-Za-z][\w-]*$/.test(value) ? value : undefined;
}

/**
 * The privileged AWS managed policy `value` names, with why it is privileged: an ARN
 * (`arn:aws:iam::aws:policy/…`), or with `bareNames` also a bare name (SAM `Policies`, CDK's
 * `fromAwsManagedPolicyName`). Every IaC language asks this one question the same way.
 */
export function privilegedManagedPolicy(value: string, bareNames = false): { name: string; why: string } | undefined {
  if (!bareNames && !value.includes(':iam::aws:policy/')) return undefined;
  const name = managedPolicyName(value);
  const why = name && PRIVILEGED_MANAGED_POLICIES[name.toLowerCase()];
  return name && why ? { name, why } : undefined;
}

/** Write actions that accept a resource type in theory but are granted on "*" in practice. */
export const CONVENTIONALLY_ANY_RESOURCE = new Set([
  'cloudwatch:putmetricdata',
  'logs:createloggroup',
  'ssm:updateinstanceinformation',
  'ec2messages:sendreply',
  'ssmmessages:createcontrolchannel',
  'ssmmessages:createdatachannel',
  'ssmmessages:openchannel',
  'ssmmessages:opendatachannel',
]);

/**
 * Read actions that return secret values: on every resource they read every secret (or SSM
 * parameter, SecureStrings included) of the account, whoever else it was meant for.
 * `secretsmanager:BatchGetSecretValue` is absent: AWS allows it only on "*" and it returns only
 * the secrets GetSecretValue is also granted on.
 */
export const SECRET_READ_ACTIONS: Record<string, string> = {
  'secretsmanager:getsecretvalue': 'Secrets Manager secret',
  'ssm:getparameter': 'SSM parameter',
  'ssm:getparameters': 'SSM parameter',
  'ssm:getparametersbypath': 'SSM parameter',
  'ssm:getparameterhistory': 'SSM parameter',
};

/**
 * A resource that covers every secret or parameter: `*`, or an ARN whose name part is only a
 * wildcard (`arn:aws:secretsmanager:*:123456789012:secret:*`, `arn:aws:ssm:eu-west-1:123456789012:parameter/*`).
 */
export const isEverySecret = (resource: string) =>
  resource === '*' || /^arn:[^:]*:(?:secretsmanager:[^:]*:[^:]*:secret:\*|ssm:[^:]*:[^:]*:parameter\/?\*)$/.test(resource);
