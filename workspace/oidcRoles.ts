import * as fs from 'node:fs';
import * as path from 'node:path';
import { trustableRoles, type TrustableRole } from '../engine/fixes/oidcRoleTrust';
import { readScannedText } from './files/scannedText';
import { git } from './git/gitRunner';

/**
 * What the OIDC switch needs from the workspace beyond the workflow: the AWS roles the workspace
 * defines (to add the GitHub trust statement to) and the GitHub repository (to scope it).
 * Bounded, since it runs when a quick-fix menu opens: at most 2,000 directory entries, 6 levels,
 * files up to 256 KB, no dot folders or node_modules, links not followed.
 */

const MAX_ENTRIES = 2000;
const MAX_DEPTH = 6;
const MAX_BYTES = 256 * 1024;

/** `owner/repo` of a github.com remote URL (https, ssh or scp-like); undefined for other hosts. */
export function githubRepositoryOf(url: string): string | undefined {
  const m =
    /^(?:https?:\/\/(?:[^@/]+@)?github\.com(?::\d+)?\/|ssh:\/\/(?:[^@/]+@)?github\.com(?::\d+)?\/|(?:[^@/]+@)?github\.com:)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(
      url.trim(),
    );
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** The workspace's GitHub repository from `git remote get-url origin`, when it is on github.com. */
export function githubRepository(root: string): string | undefined {
  const url = git(root, ['remote', 'get-url', 'origin'], { timeoutMs: 5000 });
  return url ? githubRepositoryOf(url) : undefined;
}

export interface WorkspaceRole {
  /** Absolute path of the file defining it. */
  file: string;
  /** The file's text the role's edit is in offsets of. */
  text: string;
  role: TrustableRole;
}

/**
 * Terraform and CloudFormation (YAML) files under `root` that define AWS IAM roles, and those
 * roles. `openText` gives an editor's text of a file open in it (unsaved edits included), so
 * the edits land where that text has the policy.
 */
export function workspaceRoles(root: string, openText: (file: string) => string | undefined = () => undefined): WorkspaceRole[] {
  const found: WorkspaceRole[] = [];
  let entries = 0;
  const visit = (dir: string, depth: number) => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    names.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of names) {
      if (++entries > MAX_ENTRIES) return;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !entry.name.startsWith('.') && entry.name !== 'node_modules') visit(p, depth + 1);
        continue;
      }
      const kind = /\.tf$/i.test(entry.name) ? 'terraform' : /\.(?:ya?ml|template)$/i.test(entry.name) ? 'cloudformation' : undefined;
      if (!entry.isFile() || !kind) continue;
      try {
        if (fs.statSync(p).size > MAX_BYTES) continue;
      } catch {
        continue;
      }
      const text = openText(p) ?? readScannedText(p, MAX_BYTES);
      // Cheap test first: most YAML files are not CloudFormation.
      if (!text || !text.includes(kind === 'terraform' ? '"aws_iam_role"' : 'AWS::IAM::Role')) continue;
      for (const role of trustableRoles(text, kind)) found.push({ file: p, text, role });
    }
  };
  visit(root, 0);
  return found;
}
