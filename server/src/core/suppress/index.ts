export * from './apply';
export { commentDirectives, metadataDirectives, IGNORE_MARKER, REASON_PLACEHOLDER, type Directive, type DirectiveRule } from './directives';
export { removeSuppressionEdits } from './remove';
