export * from './severity';
export * from './config-file';
export { compileGlob, globError, isIgnoredPath, matchGlob, MAX_GLOB_LENGTH, MAX_IGNORE_PATTERNS } from './glob';
export { applyKindOverrides } from './kinds';
