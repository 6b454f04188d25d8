/**
 * The name a person would give the variable or secret a hardcoded value moves to: the key it is
 * assigned to, qualified by the object it sits in when that key alone says nothing
 * (`{"database": {"password": …}}` → `database_password`), and for a URI's password the
 * URI's key with `_password` (`DATABASE_URL: postgres://app:…@db` → `DATABASE_PASSWORD`).
 */

/** Keys that say what a value is but not whose it is. */
const GENERIC = /^(?:password|passwd|pwd|pass|secret|token|key|api[_-]?key|value|credentials?|auth)$/i;
/** Objects that group settings without naming what they are for. */
const CONTAINER =
  /^(?:default|config|configuration|settings|options|credentials|secrets|auth|env|prod|production|dev|development|staging|test)$/i;
/** Keys holding a URI or connection string; the part before is what the URI is for. */
const URI_KEY = /^(.*?)[_.-]?(?:url|uri|dsn|connection[_-]?string|conn(?:ection)?[_-]?str)$/i;

/** The key of the object literal that encloses `offset` (`"database": {` … ), scanning back over braces and strings. */
function enclosingKey(text: string, offset: number): { key: string; at: number } | undefined {
  let depth = 0;
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '}') depth++;
    else if (c === '{') {
      if (depth === 0) {
        const m = /["']?([A-Za-z_][\w.-]*)["']?\s*(?::|=)\s*$/.exec(text.slice(Math.max(0, i - 200), i));
        return m ? { key: m[1], at: i - m[0].length } : undefined;
      }
      depth--;
    }
  }
  return undefined;
}

/** Client libraries whose name says what the password is for less well than the service does. */
const SERVICE_OF_MODULE: Record<string, string> = {
  psycopg2: 'database',
  psycopg: 'database',
  asyncpg: 'database',
  pg8000: 'database',
  pymysql: 'database',
  mysqldb: 'database',
  mysql: 'database',
  sqlalchemy: 'database',
  create_engine: 'database',
  pymongo: 'mongo',
  mongoclient: 'mongo',
  redis: 'redis',
  strictredis: 'redis',
  smtplib: 'smtp',
  smtp: 'smtp',
  smtp_ssl: 'smtp',
  ldap3: 'ldap',
  pika: 'rabbitmq',
};
/** Call names that say what is done, not to what. */
const VERB =
  /^(?:connect|client|session|create|login|auth|authenticate|new|init|open|get|set|build|make|from_url|plainCredentials|credentials|connection|dict|OrderedDict|str|frozenset|tuple|list|format)$/i;

/**
 * What a keyword argument's call is for: `psycopg2.connect(…, password="…")` → `database`,
 * `Jira(server=…, password="…")` → `jira`. The call is the innermost `(` still open before the
 * value (over at most 600 characters, strings skipped).
 */
function callQualifier(text: string, start: number): string | undefined {
  let depth = 0;
  const from = Math.max(0, start - 600);
  // The value's own opening quote is not a string to skip.
  const first = text[start - 1] === '"' || text[start - 1] === "'" ? start - 2 : start - 1;
  for (let i = first; i >= from; i--) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const open = text.lastIndexOf(c, i - 1);
      if (open < from) return undefined;
      i = open;
    } else if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') {
      if (depth === 0) return undefined;
      depth--;
    } else if (c === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const callee = /([A-Za-z_][\w.]*)\s*$/.exec(text.slice(Math.max(0, i - 120), i))?.[1];
      if (!callee) return undefined;
      const parts = callee.split('.').filter((p) => !/^(?:self|this|cls)$/.test(p));
      for (const part of parts) {
        const service = SERVICE_OF_MODULE[part.toLowerCase()];
        if (service) return service;
      }
      const named = parts.filter((p) => !VERB.test(p));
      return named.length ? named[named.length - 1] : undefined;
    }
  }
  return undefined;
}

/** `DATABASES` → `DATABASES`'s singular for a variable name. */
const singular = (key: string) => (/[^sS][sS]$/.test(key) && key.length > 4 ? key.slice(0, -1) : key);

export function secretKeyName(text: string, start: number, keyName: string | undefined): string | undefined {
  if (!keyName) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const uri = URI_KEY.exec(keyName);
  if (uri && /:\/\/[^\s/:@]*:$/.test(text.slice(lineStart, start))) return uri[1] ? `${uri[1]}_password` : 'password';
  if (!GENERIC.test(keyName)) return keyName;
  // A keyword argument: named after what the call connects to.
  const call = callQualifier(text, start);
  if (call) return `${call}_${/^(?:passwd|pwd|pass)$/i.test(keyName) ? 'password' : keyName}`;
  let at = start;
  for (let level = 0; level < 3; level++) {
    const parent = enclosingKey(text, at);
    if (!parent) break;
    if (!CONTAINER.test(parent.key)) return `${singular(parent.key)}_${keyName}`;
    at = parent.at;
  }
  return keyName;
}
