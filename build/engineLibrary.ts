/**
 * `dist/engine.js`, the engine as a library (benchmarks, other tools): the pure engine, and
 * `createEngine` to build one with the built-in rules and IAM table that ship beside the bundle.
 */
export * from '../engine';
export { createEngine, type EngineSetup } from '../workspace/engineFactory';
/** One per open document, passed to `Engine.scan` as `memo`: what an editor keeps between scans of a file. */
export { SecretLineMemo } from '../engine/secrets/lineMemo';
