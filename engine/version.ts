import pkg from '../package.json';

/** The tool's version, from package.json (inlined by the bundler). */
export const TOOL_VERSION: string = pkg.version;
