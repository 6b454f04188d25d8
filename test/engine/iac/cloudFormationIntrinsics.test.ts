import * as assert from 'node:assert/strict';
import { builtString } from '../../../engine/iac/cloudformation/intrinsics';
import { get } from '../../../engine/iac/sourceTree';
import { parseYamlSource } from '../../../engine/iac/yamlSource';
import { defaultEngine } from '../../support/engineFixture';

const template = (resources: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  Partner:\n    Type: String\nResources:\n${resources}`;
const role = (properties: string) =>
  template(
    `  AppRole:\n    Type: AWS::IAM::Role\n    Properties:\n${properties}      Tags:\n        - Key: owner\n          Value: platform\n`,
  );
const trust = (principal: string, condition = '') =>
  `      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal:\n              AWS: ${principal}\n            Action: sts:AssumeRole\n${condition}`;
const ec2Trust = trust('arn:aws:iam::111122223333:role/ops').replace(
  'AWS: arn:aws:iam::111122223333:role/ops',
  'Service: ec2.amazonaws.com',
);

describe('CloudFormation intrinsics in IAM', () => {
  const engine = defaultEngine();
  /** `ruleId@line:text` of each finding. */
  const scan = (text: string, path = 'template.yaml') =>
    engine.scan({ path, text }).findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);

  it('builds strings from !Sub, Fn::Sub, !Join, Fn::Join and Ref, unknown parts as placeholders', () => {
    const text = [
      'a: !Sub "arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess"',
      'b: !Join ["", ["arn:", !Ref AWS::Partition, ":iam::", !Ref Partner, ":root"]]',
      'c:\n  Fn::Join:\n    - ":"\n    - - arn\n      - Ref: AWS::Partition\n      - iam\n      - ""\n      - aws\n      - policy/IAMFullAccess',
      'd: { "Fn::Sub": ["arn:aws:iam::${Account}:root", { "Account": !Ref Partner }] }',
      'e: !GetAtt Role.Arn',
    ].join('\n');
    const doc = parseYamlSource(text).documents[0];
    assert.deepEqual(
      ['a', 'b', 'c', 'd', 'e'].map((k) => builtString(get(doc, k), text)),
      [
        'arn:aws:iam::aws:policy/PowerUserAccess',
        'arn:aws:iam::${Partner}:root',
        'arn:aws:iam::aws:policy/IAMFullAccess',
        'arn:aws:iam::${Account}:root',
        '${?}',
      ],
    );
  });

  it('reads a JSON policy string given through !Sub |, at the element as written', () => {
    const text = template(
      `  Exporter:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: !Sub |\n        {\n          "Statement": [\n            { "Effect": "Allow", "Action": "*", "Resource": "*" },\n            { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::\${AWS::StackName}-out/*" }\n          ]\n        }\n`,
    );
    assert.deepEqual(scan(text), ['aws-iam-admin-wildcard@12:*']);
    assert.deepEqual(
      scan(text.replace('"Action": "*", "Resource": "*"', '"Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*"')),
      [],
    );
  });

  it('reads a JSON policy string through Fn::Sub in a JSON template', () => {
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] });
    const text = JSON.stringify(
      {
        Resources: {
          Ops: {
            Type: 'AWS::IAM::Policy',
            Properties: { PolicyName: 'ops', PolicyDocument: { 'Fn::Sub': policy }, Roles: [{ Ref: 'OpsRole' }] },
          },
        },
      },
      null,
      2,
    );
    assert.deepEqual(
      scan(text, 'template.json').map((f) => f.split(':')[0]),
      ['aws-iam-privilege-escalation@8'],
    );
  });

  it('finds a privileged managed policy built with Fn::Join or !Sub, not a harmless one', () => {
    const join = (name: string) =>
      role(
        `${ec2Trust}      ManagedPolicyArns:\n        - Fn::Join: ["", ["arn:", { Ref: AWS::Partition }, ":iam::aws:policy/${name}"]]\n`,
      );
    assert.deepEqual(
      scan(join('AdministratorAccess')).map((f) => f.split(':')[0]),
      ['aws-iam-privileged-managed-policy@16'],
    );
    assert.deepEqual(scan(join('ReadOnlyAccess')), []);
    const sub = role(`${ec2Trust}      ManagedPolicyArns:\n        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess\n`);
    assert.deepEqual(
      scan(sub).map((f) => f.split(':')[0]),
      ['aws-iam-privileged-managed-policy@16'],
    );
  });

  it('trust in an account given as a parameter is cross-account trust, unless a condition scopes it', () => {
    assert.deepEqual(scan(role(trust('!Ref Partner'))), ['aws-iam-cross-account-trust@13:Partner']);
    assert.deepEqual(scan(role(trust('!Sub arn:aws:iam::${Partner}:root'))), [
      'aws-iam-cross-account-trust@13:arn:aws:iam::${Partner}:root',
    ]);
    const external = '            Condition:\n              StringEquals:\n                sts:ExternalId: !Ref ExternalId\n';
    assert.deepEqual(scan(role(trust('!Sub arn:aws:iam::${Partner}:root', external))), []);
    // The stack's own account is not another account.
    assert.deepEqual(scan(role(trust('!Sub arn:aws:iam::${AWS::AccountId}:root'))), []);
    // A role of the partner account, named: not the whole account.
    assert.deepEqual(scan(role(trust('!Sub arn:aws:iam::${Partner}:role/reader'))), []);
  });
});
