import type { OffsetEdit } from '..';

/**
 * Switching a workflow to OIDC only works once the cloud trusts the workflow's tokens: the AWS
 * role's trust policy, Azure's federated credential, Google's provider condition. The switch
 * writes what the cloud side needs as comments above the new login inputs, where the person
 * applying it looks, with the repository and branch as placeholders unless the workflow names
 * its one branch.
 */

const ISSUER = 'token.actions.githubusercontent.com';

/** The one branch the workflow runs on (`branches: [main]` / `- main`), if it names exactly one. */
export function onlyBranch(text: string): string | undefined {
  const flow = /^[ \t]+branches:[ \t]*\[[ \t]*["']?([\w./-]+)["']?[ \t]*\][ \t]*$/m.exec(text);
  if (flow) return flow[1];
  const block = /^([ \t]+)branches:[ \t]*\r?\n\1[ \t]+-[ \t]*["']?([\w./-]+)["']?[ \t]*\r?\n(?!\1[ \t]+-)/m.exec(text);
  return block?.[2];
}

function notes(input: string, subject: string): string[] | undefined {
  switch (input) {
    case 'role-to-assume':
      return [
        `The role's trust policy must let GitHub's OIDC provider assume it for this workflow only:`,
        `{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",`,
        ` "Principal": {"Federated": "arn:aws:iam::<account-id>:oidc-provider/${ISSUER}"},`,
        ` "Condition": {"StringEquals": {"${ISSUER}:aud": "sts.amazonaws.com", "${ISSUER}:sub": "${subject}"}}}`,
      ];
    case 'client-id':
      return [
        `The app registration needs a federated credential for this workflow:`,
        `issuer https://${ISSUER}, subject ${subject}, audience api://AzureADTokenExchange`,
      ];
    case 'workload_identity_provider':
      return [
        `The provider must map GitHub's token and accept only this repository:`,
        `issuer https://${ISSUER}, attribute condition assertion.sub == '${subject}'`,
        `and the service account must grant roles/iam.workloadIdentityUser to the pool's principal for it`,
      ];
    default:
      return undefined;
  }
}

/**
 * The OIDC edits with the trust the cloud side needs written above the first login input;
 * `repository` (`owner/repo`, from the git remote) fills the subject when known.
 */
export function withTrustNotes(edits: OffsetEdit[], text: string, repository?: string): OffsetEdit[] {
  const subject = `repo:${repository ?? '<owner>/<repo>'}:ref:refs/heads/${onlyBranch(text) ?? '<branch>'}`;
  let done = false;
  return edits.map((edit) => {
    if (done) return edit;
    const m = /^([ \t]*)(role-to-assume|client-id|workload_identity_provider):/m.exec(edit.newText);
    const lines = m && notes(m[2], subject);
    if (!m || !lines) return edit;
    done = true;
    // An edit that starts mid-line (after the indentation it keeps) gets the comment on its own
    // lines at that indentation, and the indentation again before the input.
    const lineStart = text.lastIndexOf('\n', edit.start - 1) + 1;
    const kept = m.index === 0 && /^[ \t]*$/.test(text.slice(lineStart, edit.start)) ? text.slice(lineStart, edit.start) : '';
    const indent = m[1] || kept;
    const comment = lines.map((l) => `${indent}# ${l}\n`).join('');
    const newText = kept
      ? `${comment.slice(kept.length)}${kept}${edit.newText}`
      : `${edit.newText.slice(0, m.index)}${comment}${edit.newText.slice(m.index)}`;
    return { ...edit, newText };
  });
}
