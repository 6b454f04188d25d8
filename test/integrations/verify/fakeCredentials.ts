import { randomBytes } from 'node:crypto';
import { base62, crc32 } from '../../../engine/secrets/validators';

/** Fake credentials, made fresh for each test run in each provider's format: no real value is ever in the repository. */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

export function random(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** Tokens whose last 6 characters are a CRC32 of the rest (GitHub, npm), so the engine's checksum check passes. */
function checksummed(prefix: string): string {
  const body = random(ALNUM, 30);
  return `${prefix}${body}${base62(crc32(body))}`;
}

export const fake = {
  awsKeyId: () => `AKIA${random(UPPER32, 16)}`,
  awsTempKeyId: () => `ASIA${random(UPPER32, 16)}`,
  awsSecret: () => random(`${ALNUM}+/`, 40),
  awsSessionToken: () => `IQoJb3JpZ2luX2Vj${random(`${ALNUM}+/`, 180)}`,
  github: () => checksummed('ghp_'),
  gitlab: () => `glpat-${random(`${ALNUM}_-`, 20)}`,
  slack: () => `xoxb-${random(DIGITS, 12)}-${random(DIGITS, 13)}-${random(ALNUM, 24)}`,
  stripe: () => `sk_live_${random(ALNUM, 32)}`,
  openai: () => `sk-proj-${random(ALNUM, 40)}T3BlbkFJ${random(ALNUM, 40)}`,
  anthropic: () => `sk-ant-api03-${random(`${ALNUM}_-`, 93)}AA`,
  sendgrid: () => `SG.${random(ALNUM, 22)}.${random(ALNUM, 43)}`,
  twilioToken: () => random(HEX, 32),
  twilioAccountSid: () => `AC${random(HEX, 32)}`,
  npm: () => checksummed('npm_'),
  google: () => `AIza${random(`${ALNUM}_-`, 35)}`,
  huggingface: () => `hf_${random(LETTERS, 34)}`,
  datadog: () => random(HEX, 32),
};
