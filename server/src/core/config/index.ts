export * from './severity';
export * from './config-file';
export { globToRegExp, isIgnoredPath } from './glob';
export { applyKindOverrides } from './kinds';
