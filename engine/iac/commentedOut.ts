/**
 * Whether a match sits on a comment line: `// new aws.iam.Role(…)`, `#  iam.PolicyStatement(…)`,
 * or a JSDoc example (` * const role = new aws.iam.Role(…)`). Readers of infrastructure written
 * in general-purpose languages find calls with patterns over the text; a call in a comment is
 * documentation, not infrastructure (libraries such as @pulumi/eks ship their examples in JSDoc).
 */
export function commentedOut(text: string, index: number, python = false): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const before = text.slice(lineStart, Math.min(index, lineStart + 400));
  // `#` starts a Python comment; in TypeScript it names a private field (`#role = new iam.Role(…)`).
  return python ? /^[ \t]*#/.test(before) : /^[ \t]*(?:\/\/|\/\*|\*)/.test(before);
}
