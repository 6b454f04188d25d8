import * as fs from 'node:fs';
import * as path from 'node:path';
import { exposureNote, type Finding } from '../../engine';
import { git } from './gitRunner';

/** The work tree's top folder when `root` is inside a git repository and git is installed. */
export function gitTopLevel(root: string): string | undefined {
  return git(root, ['rev-parse', '--show-toplevel'])?.trim() || undefined;
}

/** The sentence a report or diagnostic adds for a finding's git state. */
export function gitAdvice(state: Finding['git'], now: number = Date.now()): string | undefined {
  if (!state) return undefined;
  if (state.state === 'uncommitted') return 'not committed yet: remove it before committing';
  const where = `commit ${state.commit.slice(0, 12)}, ${state.date.slice(0, 10)}: ${exposureNote(state, now)}`;
  if (state.state === 'removed') return `no longer in the files but still in git history (${where}): rotate it`;
  return `already in git history (${where}): rotate it, deleting is not enough`;
}

/** A secret already committed must be rotated: it is an error whatever its rule says. */
export function applyGitAdvice(findings: Finding[], now: number = Date.now()): void {
  for (const f of findings) {
    const advice = gitAdvice(f.git, now);
    if (!advice) continue;
    f.message = `${f.message} (${advice})`;
    if (f.git?.state === 'committed') f.severity = 'error';
  }
}

/** Audit paths are relative to `root`; GitHub's to the repository's top: the prefix between them. */
export function repoPrefixOf(root: string): string {
  const top = gitTopLevel(root);
  if (!top) return '';
  const rel = path.relative(fs.realpathSync(top), fs.realpathSync(root)).replace(/\\/g, '/');
  return rel && !rel.startsWith('..') ? `${rel}/` : '';
}
