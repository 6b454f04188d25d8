import type { GitState } from '../types';

/** 0 pushed, 1 committed on this machine only (or push state unknown), 2 not committed, 3 not in git. */
function rank(state: GitState | undefined): number {
  if (!state) return 3;
  if (state.state === 'uncommitted') return 2;
  return state.pushed ? 0 : 1;
}

/**
 * Orders secrets by how exposed they are in git, most exposed first: pushed before committed
 * locally before not committed, and among committed ones the oldest first (the longer a secret
 * has been in history, the more clones, forks and backups hold it). 0 when git tells them apart
 * by nothing.
 */
export function compareExposure(a: GitState | undefined, b: GitState | undefined): number {
  const byRank = rank(a) - rank(b);
  if (byRank || !a || !b || a.state === 'uncommitted' || b.state === 'uncommitted') return byRank;
  return (Date.parse(a.date) || 0) - (Date.parse(b.date) || 0);
}

/** `today`, `1 day ago`, `412 days ago`: how long ago an ISO date was, in whole days. */
export function daysAgo(date: string, now: number = Date.now()): string {
  const days = Math.floor((now - Date.parse(date)) / 86_400_000);
  if (!Number.isFinite(days) || days <= 0) return 'today';
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/**
 * How exposed a committed secret is, for people: `412 days ago by Dev, pushed, 37 commits since`.
 * Facts git could not tell are left out.
 */
export function exposureNote(state: GitState | undefined, now: number = Date.now()): string {
  if (!state || state.state === 'uncommitted') return '';
  const parts = [`${daysAgo(state.date, now)}${state.author ? ` by ${state.author}` : ''}`];
  if (state.pushed !== undefined) parts.push(state.pushed ? 'pushed' : 'not pushed');
  if (state.commitsSince !== undefined) parts.push(`${state.commitsSince} ${state.commitsSince === 1 ? 'commit' : 'commits'} since`);
  return parts.join(', ');
}

/**
 * The inventory's one-line git column: `committed 412 days ago, pushed`, `removed, committed
 * 30 days ago, not pushed`, `not committed`; empty when git was not checked.
 */
export function inventoryGitNote(state: GitState | undefined, now: number = Date.now()): string {
  if (!state) return '';
  if (state.state === 'uncommitted') return 'not committed';
  const pushed = state.pushed === undefined ? '' : state.pushed ? ', pushed' : ', not pushed';
  return `${state.state === 'removed' ? 'removed, ' : ''}committed ${daysAgo(state.date, now)}${pushed}`;
}
