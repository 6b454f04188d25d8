/** The secrets corpus as one module: what `bench/detection.mjs` bundles and the tests import. */
export { buildSecretCorpus, CORPUS_SEED, type SecretCorpus } from './corpus';
export { PROVIDERS } from './providers';
export {
  falseAlarmRate,
  formatScore,
  labelsOf,
  maskLabel,
  precision,
  recall,
  scoreCorpus,
  type Label,
  type Score,
  type Scanner,
} from './score';
