import type { OffsetEdit } from '..';

/**
 * The other half of "Switch to AWS OIDC federation": the role the workflow assumes must trust
 * GitHub's OIDC provider for this repository and branch. When the workspace defines that role
 * (Terraform `aws_iam_role`, CloudFormation `AWS::IAM::Role` in YAML), this finds where its trust
 * policy lists statements and writes the statement there, in the file's own syntax. Roles whose
 * trust policy is built elsewhere (a `data "aws_iam_policy_document"`, a flow-style list) get no
 * edit: the workflow's comment still says what to add.
 */

const ISSUER = 'token.actions.githubusercontent.com';

/** A role the workspace defines, with the edit that adds the GitHub trust statement to it. */
export interface TrustableRole {
  /** The role's IAM name (what `role-to-assume` ends with), when the file sets it. */
  name?: string;
  /** The resource's name in the file (Terraform label, CloudFormation logical id). */
  label: string;
  /** Its trust policy already names GitHub's OIDC provider: a second statement would only duplicate it. */
  trustsGitHub: boolean;
  /** The edit adding the statement, for `subject` (`repo:<owner>/<repo>:ref:refs/heads/<branch>`). */
  edit(subject: string): OffsetEdit;
}

/** The role name `role-to-assume` names: the ARN's last path segment, or a plain name. */
export function roleNameOf(roleToAssume: string): string | undefined {
  const value = roleToAssume.trim().replace(/^["']|["']$/g, '');
  if (!value || value.includes('${{') || value.includes('<')) return undefined;
  const arn = /^arn:aws[\w-]*:iam::[^:]*:role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/.exec(value);
  if (arn) return arn[1];
  return /^[\w+=,.@-]+$/.test(value) ? value : undefined;
}

/** The `role-to-assume` values a workflow already names (other steps, other jobs). */
export function rolesAssumedIn(workflow: string): string[] {
  const names = [...workflow.matchAll(/^[ \t]*role-to-assume:[ \t]*([^\s#]+)/gm)].map((m) => roleNameOf(m[1]));
  return [...new Set(names.filter((n): n is string => !!n))];
}

/** The end of the `{ … }` block opening at `open`, skipping strings; -1 when unbalanced. */
function blockEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

const indentOfLine = (text: string, at: number): string => /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', at - 1) + 1))![0];

function hclStatement(indent: string, subject: string): string {
  const i = `${indent}  `;
  return [
    `{`,
    `${i}Effect    = "Allow"`,
    `${i}Action    = "sts:AssumeRoleWithWebIdentity"`,
    `${i}Principal = { Federated = "arn:aws:iam::<account-id>:oidc-provider/${ISSUER}" }`,
    `${i}Condition = {`,
    `${i}  StringEquals = {`,
    `${i}    "${ISSUER}:aud" = "sts.amazonaws.com"`,
    `${i}    "${ISSUER}:sub" = "${subject}"`,
    `${i}  }`,
    `${i}}`,
    `${indent}},`,
  ].join('\n');
}

function jsonStatement(indent: string, subject: string): string {
  const i = `${indent}  `;
  return [
    `{`,
    `${i}"Effect": "Allow",`,
    `${i}"Action": "sts:AssumeRoleWithWebIdentity",`,
    `${i}"Principal": { "Federated": "arn:aws:iam::<account-id>:oidc-provider/${ISSUER}" },`,
    `${i}"Condition": { "StringEquals": { "${ISSUER}:aud": "sts.amazonaws.com", "${ISSUER}:sub": "${subject}" } }`,
    `${indent}},`,
  ].join('\n');
}

function terraformRoles(text: string): TrustableRole[] {
  const roles: TrustableRole[] = [];
  for (const m of text.matchAll(/^[ \t]*resource[ \t]+"aws_iam_role"[ \t]+"([\w-]+)"[ \t]*\{/gm)) {
    const open = m.index + m[0].length - 1;
    const end = blockEnd(text, open);
    if (end < 0) continue;
    const body = text.slice(open, end);
    const name = /^[ \t]*name[ \t]*=[ \t]*"([\w+=,.@-]+)"/m.exec(body)?.[1];
    const policy = /^[ \t]*assume_role_policy[ \t]*=/m.exec(body);
    if (!policy) continue;
    // The statement list of the inline policy: HCL in jsonencode (`Statement = [`), JSON in a heredoc.
    const list = /"?Statement"?[ \t]*([=:])[ \t]*\[/.exec(body.slice(policy.index));
    if (!list) continue;
    const bracket = open + policy.index + list.index + list[0].length;
    const json = list[1] === ':';
    const indent = `${indentOfLine(text, bracket)}  `;
    roles.push({
      ...(name ? { name } : {}),
      label: m[1],
      trustsGitHub: body.slice(policy.index).includes(ISSUER),
      edit: (subject) => ({
        start: bracket,
        end: bracket,
        newText: `\n${indent}${json ? jsonStatement(indent, subject) : hclStatement(indent, subject)}`,
      }),
    });
  }
  return roles;
}

function cloudFormationRoles(text: string): TrustableRole[] {
  const roles: TrustableRole[] = [];
  const lines = text.split('\n');
  const offsets: number[] = [];
  lines.reduce((at, line) => (offsets.push(at), at + line.length + 1), 0);
  const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;
  const blank = (line: string) => /^[ \t]*(?:#.*)?\r?$/.test(line);
  for (let t = 0; t < lines.length; t++) {
    if (!/^[ \t]*Type:[ \t]*["']?AWS::IAM::Role["']?[ \t]*\r?$/.test(lines[t])) continue;
    // The resource is the key above `Type` one level out; its body is what is indented past that key.
    let k = t - 1;
    while (k >= 0 && (blank(lines[k]) || indentOf(lines[k]) >= indentOf(lines[t]))) k--;
    const key = k >= 0 ? /^[ \t]*([\w-]+):[ \t]*\r?$/.exec(lines[k]) : null;
    if (!key) continue;
    let last = k + 1;
    while (last < lines.length && (blank(lines[last]) || indentOf(lines[last]) > indentOf(lines[k]))) last++;
    const body = lines.slice(k + 1, last);
    const name = body.map((l) => /^[ \t]*RoleName:[ \t]*["']?([\w+=,.@-]+)["']?[ \t]*\r?$/.exec(l)?.[1]).find(Boolean);
    const doc = body.findIndex((l) => /^[ \t]*AssumeRolePolicyDocument:[ \t]*\r?$/.test(l));
    if (doc < 0) continue;
    const docIndent = indentOf(body[doc]);
    let s = doc + 1;
    while (s < body.length && !(indentOf(body[s]) > docIndent && /^[ \t]*Statement:[ \t]*\r?$/.test(body[s]))) {
      if (!blank(body[s]) && indentOf(body[s]) <= docIndent) break;
      s++;
    }
    if (s >= body.length || !/^[ \t]*Statement:/.test(body[s])) continue;
    // New item at the indentation of the existing ones (`- ` may sit at the key's own indentation).
    const next = body.slice(s + 1).find((l) => !blank(l));
    const itemIndent = next && /^[ \t]*-/.test(next) ? ' '.repeat(indentOf(next)) : ' '.repeat(indentOf(body[s]) + 2);
    const at = offsets[k + 1 + s] + body[s].length - (body[s].endsWith('\r') ? 1 : 0);
    const eol = body[s].endsWith('\r') ? '\r\n' : '\n';
    roles.push({
      ...(name ? { name } : {}),
      label: key[1],
      trustsGitHub: body.slice(doc).some((l) => l.includes(ISSUER)),
      edit: (subject) => {
        const i = `${itemIndent}  `;
        const item = [
          `${itemIndent}- Effect: Allow`,
          `${i}Action: sts:AssumeRoleWithWebIdentity`,
          `${i}Principal:`,
          `${i}  Federated: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${ISSUER}"`,
          `${i}Condition:`,
          `${i}  StringEquals:`,
          `${i}    "${ISSUER}:aud": sts.amazonaws.com`,
          `${i}    "${ISSUER}:sub": "${subject}"`,
        ];
        return { start: at, end: at, newText: item.map((l) => `${eol}${l}`).join('') };
      },
    });
  }
  return roles;
}

/** The roles `text` defines whose trust policy this can add a statement to. */
export function trustableRoles(text: string, kind: 'terraform' | 'cloudformation'): TrustableRole[] {
  return kind === 'terraform' ? terraformRoles(text) : cloudFormationRoles(text);
}

/** `repo:<owner>/<repo>:ref:refs/heads/<branch>` with what is known filled in. */
export function oidcSubject(repository: string | undefined, branch: string | undefined): string {
  return `repo:${repository ?? '<owner>/<repo>'}:ref:refs/heads/${branch ?? '<branch>'}`;
}
