/**
 * Shell lines that log in to a cloud with a stored key (`aws configure set aws_access_key_id …`,
 * `export AWS_SECRET_ACCESS_KEY=…`, `az login --service-principal` with a password, `gcloud auth
 * activate-service-account --key-file …`), shared by the CI analysers: GitLab `script:` lines and
 * GitHub Actions `run:` steps. Federated logins (`az login --federated-token`) do not match.
 */
export const STATIC_LOGIN_LINES: Array<{ cloud: 'AWS' | 'Azure' | 'Google Cloud'; line: RegExp; unless?: RegExp }> = [
  { cloud: 'AWS', line: /\baws\s+configure\s+set\s+(?:aws_access_key_id|aws_secret_access_key)\b/ },
  { cloud: 'AWS', line: /\bexport\s+AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY)=/ },
  { cloud: 'Azure', line: /\baz\s+login\b.*--service-principal\b/, unless: /--federated-token\b/ },
  { cloud: 'Azure', line: /\bexport\s+(?:AZURE|ARM)_CLIENT_SECRET=/ },
  { cloud: 'Google Cloud', line: /\bgcloud\s+auth\s+activate-service-account\b.*--key-file\b/ },
];

/** A script that exchanges a token for temporary AWS keys, whose `export AWS_…=` lines carry those keys. */
export const TEMPORARY_AWS_KEYS = /\bassume-role(?:-with-web-identity)?\b/;

/**
 * The cloud a script line logs in to with a stored key, or undefined. A value computed when the
 * job runs (`$(…)`: a token exchange, a vault read) is not stored; `temporaryAws` says the script
 * exchanges a token for the AWS keys it exports.
 */
export function staticLoginCloud(line: string, temporaryAws: boolean): string | undefined {
  if (line.includes('$(')) return undefined;
  for (const login of STATIC_LOGIN_LINES) {
    if (login.cloud === 'AWS' && temporaryAws) continue;
    if (login.line.test(line) && !login.unless?.test(line)) return login.cloud;
  }
  return undefined;
}
