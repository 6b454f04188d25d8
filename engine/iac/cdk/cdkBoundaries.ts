/**
 * CDK managed policies that are permissions boundaries (engine/iac/aws/permissionsBoundary.ts):
 * `new iam.ManagedPolicy(this, 'PermissionsBoundary', { statements: [...] })`, or one given to
 * `iam.PermissionsBoundary.of(scope).apply(policy)` / a `permissionsBoundary: policy` prop, and
 * attached to no identity. Statements written inside such a call grant nothing.
 */
import { entry, type SourceNode } from '../sourceTree';
import { mentions, namedAsBoundary } from '../aws/permissionsBoundary';
import { readLiteral, skipTrivia } from './tsLiteralReader';
import { keywordMatches, NEW_CALL_RUN } from '../keywordMatches';

export const MANAGED_POLICY = /\bnew\s+(?:[\w$]+\.)*ManagedPolicy\s*\(/g;

/**
 * The documents not written inside a boundary policy's construct call (all of them when there is
 * none). `at`: where a document's statements start in `text`.
 */
export function outsideBoundaries<T extends { doc: SourceNode }>(
  documents: T[],
  text: string,
  at = ({ doc }: T) => entry(doc, 'Statement')?.value.start ?? doc.start,
): T[] {
  const ranges = boundaryRanges(text);
  if (!ranges.length) return documents;
  return documents.filter((d) => {
    const start = at(d);
    return !ranges.some((r) => start >= r.start && start < r.end);
  });
}

function boundaryRanges(text: string): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  // From the word `ManagedPolicy` (keywordMatches.ts), not at every character of the stack.
  for (const m of keywordMatches(text, MANAGED_POLICY, ['ManagedPolicy'], NEW_CALL_RUN)) {
    const call = readLiteral(text, m.index!);
    const args = argumentsOf(text, m.index! + m[0].length);
    const props = args[2];
    // Attached through its own props: it grants.
    if (['roles', 'users', 'groups'].some((k) => entry(props, k))) continue;
    const id = args[1]?.type === 'scalar' ? String(args[1].value) : undefined;
    const name = entry(props, 'managedPolicyName')?.value;
    const variable = /(?:const|let|var|readonly|private|public)\s+([\w$]+)\s*(?::[^=;\n]+)?=\s*$/.exec(
      text.slice(Math.max(0, m.index! - 200), m.index!),
    )?.[1];
    if (variable && attached(text, variable)) continue;
    const named = namedAsBoundary(id) || (name?.type === 'scalar' && namedAsBoundary(String(name.value)));
    if (named || (variable && usedAsBoundary(text, variable))) ranges.push({ start: m.index!, end: call.end });
  }
  return ranges;
}

/** `PermissionsBoundary.of(x).apply(v)` or `permissionsBoundary: v`. */
function usedAsBoundary(text: string, variable: string): boolean {
  for (const m of text.matchAll(
    /PermissionsBoundary\s*\.\s*of\s*\([^)]*\)\s*\.\s*apply\s*\(([^)]*)\)|permissionsBoundary\s*:\s*([^,}\n]+)/g,
  ))
    if (mentions(m[1] ?? m[2], variable)) return true;
  return false;
}

/** `v.attachToRole(…)`, `role.addManagedPolicy(v)`, `managedPolicies: [v]`. */
function attached(text: string, variable: string): boolean {
  if (new RegExp(`(?<![\\w$.])${variable}\\s*\\.\\s*attachTo(?:Role|User|Group)\\s*\\(`).test(text)) return true;
  for (const m of text.matchAll(/addManagedPolicy\s*\(([^)]*)\)|managedPolicies\s*:\s*\[([^\]]*)\]/g))
    if (mentions(m[1] ?? m[2], variable)) return true;
  return false;
}

/** The literal arguments of a call whose `(` ends at `at` (the rest read as expressions). */
function argumentsOf(text: string, at: number): SourceNode[] {
  const args: SourceNode[] = [];
  let pos = at;
  for (let i = 0; i < 3; i++) {
    pos = skipTrivia(text, pos);
    if (text[pos] === ')' || pos >= text.length) break;
    const read = readLiteral(text, pos);
    args.push(read.node);
    pos = skipTrivia(text, read.end);
    if (text[pos] !== ',') break;
    pos++;
  }
  return args;
}
