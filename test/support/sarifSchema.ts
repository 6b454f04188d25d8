import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';

const REPO = path.resolve(__dirname, '../../..');
let validator: ReturnType<Ajv['compile']> | undefined;

/** Validates against the official SARIF 2.1.0 schema; returns the first errors, or undefined when valid. */
export function sarifErrors(sarif: unknown): string | undefined {
  if (!validator) {
    const schema = JSON.parse(
      fs.readFileSync(path.join(REPO, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    );
    // The schema's patterns are not valid with the `u` flag, so compile them as plain regexes.
    validator = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
  }
  return validator(sarif) ? undefined : JSON.stringify(validator.errors?.slice(0, 5));
}
