// The files whose `l10n.t('…')` messages make up l10n/bundle.l10n.json (the bundle script and the localization test).
export const L10N_SOURCES = [
  'server/src/core/present/hover.ts',
  'server/src/core/present/view-html.ts',
  'server/src/core/present/report-markdown.ts',
  'server/src/lsp/code-lens.ts',
  'server/src/lsp/symbols.ts',
  'client/src/view.ts',
  'client/src/workspace-scan.ts',
  'client/src/status-bar.ts',
  'client/src/activate.ts',
  'client/src/extension.ts',
  'client/src/tasks.ts',
];
