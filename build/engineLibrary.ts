/**
 * `dist/engine.js`, the engine as a library (benchmarks, other tools): the pure engine, and
 * `createEngine` to build one with the built-in rules and IAM table that ship beside the bundle.
 */
export * from '../engine';
export { createEngine, type EngineSetup } from '../workspace/engineFactory';
