/**
 * Builds the labelled secrets corpus: provider credentials written through every context,
 * the special cases (URIs, Azure, tool configs, frameworks, commands, private keys, Kubernetes,
 * Terraform, Jenkins) and the negatives. The same seed always gives the same corpus.
 */
import { commandDocuments } from './commands';
import { configDocuments } from './configs';
import { CONTEXTS, type Entry } from './contexts';
import { secret, type CorpusDocument } from './document';
import { iacToolingDocuments } from './iacToolingNegatives';
import { infraDocuments } from './infra';
import { namedNegatives } from './namedNegatives';
import { negativeDocuments } from './negativeDocuments';
import { prefixFormDocuments } from './prefixForms';
import { providerFileFormDocuments } from './providerFileForms';
import { privateKeyDocuments } from './privateKeys';
import { sectionAndHeaderDocuments } from './sectionAndHeaderNames';
import { PROVIDERS } from './providers';
import { Rng } from '../../support/seededRandom';
import { unnamedFormDocuments } from './unnamedForms';
import { callFormDocuments } from './callForms';
import { uriDocuments } from './uris';

export const CORPUS_SEED = 20_261_201;
/** Contexts each provider's credential is written in. */
const CONTEXTS_PER_PROVIDER = 7;

/** Passwords and in-house tokens under the names code gives them (the generic rules' ground). */
const NAMED_PASSWORDS: Array<[string, string]> = [
  ['db password', 'Database password'],
  ['database password', 'Database password'],
  ['postgres password', 'Database password'],
  ['mysql root password', 'Database password'],
  ['smtp password', 'SMTP password'],
  ['ldap bind password', 'LDAP bind password'],
  ['admin password', 'Admin password'],
  ['redis password', 'Redis password'],
  ['rabbitmq password', 'Broker password'],
  ['keystore password', 'Keystore password'],
  ['registry password', 'Registry password'],
  ['ftp password', 'FTP password'],
];
const NAMED_TOKENS: Array<[string, string]> = [
  ['internal api key', 'In-house API key'],
  ['service auth token', 'In-house service token'],
  ['webhook signing secret', 'Webhook signing secret'],
  ['client secret', 'OAuth client secret'],
  ['session secret', 'Session secret'],
  ['encryption key', 'Encryption key'],
  ['hmac secret', 'HMAC secret'],
  ['partner api token', 'Partner API token'],
];

export interface SecretCorpus {
  seed: number;
  documents: CorpusDocument[];
}

export function buildSecretCorpus(seed = CORPUS_SEED): SecretCorpus {
  const rng = new Rng(seed);
  const queues = new Map<string, Entry[]>(CONTEXTS.map((c) => [c.id, []]));
  const isUrl = (v: string) => /^https?:\/\//.test(v);
  const usable = (entry: Entry) =>
    CONTEXTS.filter((c) => (isUrl(entry.mark.value) ? !c.tokensOnly : !c.urls) && !(entry.mark.kind === 'negative' && c.dropsName));

  const place = (entry: Entry, index: number, k: number) => {
    const options = usable(entry);
    const context = options[(index * 7 + k * 11 + rng.int(3)) % options.length];
    queues.get(context.id)!.push(entry);
  };
  PROVIDERS.forEach((p, i) => {
    for (let k = 0; k < CONTEXTS_PER_PROVIDER; k++)
      place({ words: p.words, mark: secret(p.make(rng), { provider: p.name, group: p.group }) }, i, k);
  });
  [...NAMED_PASSWORDS, ...NAMED_TOKENS].forEach(([words, provider], i) => {
    const isPassword = i < NAMED_PASSWORDS.length;
    for (let k = 0; k < 6; k++) {
      const value = isPassword ? rng.password() : rng.format(rng.pick(['{an:32}', '{hex:40}', '{b64:44}', '{b64u:43}']));
      place(
        { words: words.split(' '), mark: secret(value, { provider, group: isPassword ? 'password' : 'generic' }) },
        i + PROVIDERS.length,
        k,
      );
    }
  });
  namedNegatives(rng, 1350).forEach((entry, i) => place(entry, i, i % 5));

  const documents: CorpusDocument[] = [];
  for (const context of CONTEXTS) {
    const entries = queues.get(context.id)!;
    // Shuffle so positives and negatives share files, then write files of one to four entries.
    for (let i = entries.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [entries[i], entries[j]] = [entries[j], entries[i]];
    }
    for (let at = 0, n = 0; at < entries.length; n++) {
      const size = 1 + rng.int(4);
      const piece = context.render(entries.slice(at, at + size), rng);
      documents.push({ path: `${context.id}-${n}/${context.path(rng, 0)}`, context: context.id, ...piece });
      at += size;
    }
  }
  documents.push(
    ...uriDocuments(rng),
    ...configDocuments(rng),
    ...commandDocuments(rng),
    ...privateKeyDocuments(rng),
    ...infraDocuments(rng),
    ...negativeDocuments(rng),
    // Their own stream: adding them left every other file of the corpus as it was.
    ...sectionAndHeaderDocuments(new Rng(seed + 12)),
    ...unnamedFormDocuments(rng),
    // Own stream too (issue 12, second held-out set): every earlier file stays as it was.
    ...prefixFormDocuments(new Rng(seed + 13)),
    // Own stream too (issue 12, third held-out set: credentials handed to calls, config files).
    ...callFormDocuments(new Rng(seed + 31)),
    // Own stream (bench:real-code's held-out IaC group): every earlier file stays as it was.
    ...iacToolingDocuments(new Rng(seed + 14)),
    // Own stream too (issue 12, third held-out set): every earlier file stays as it was.
    ...providerFileFormDocuments(new Rng(seed + 32)),
  );
  return { seed, documents };
}
