/**
 * Requests the client sends to our server. FILE_REPORT and MODEL exist in server/src/lsp/protocol.ts; ANALYZE_TEXT and its
 * types are proposed here for the lead to move into protocol.ts (the server answers an analysis of text it has not opened).
 */
import type { JsonFile } from '../../server/src/core/present/report';

export { FILE_REPORT_REQUEST, MODEL_REQUEST } from '../../server/src/lsp/protocol';

/** Result of `awsResponsibility/fileReport` (and of `awsResponsibility/analyzeText`). */
export interface FileReportResult {
  uri: string;
  version: number;
  /** Why the file was not analyzed (too large, binary), else null. */
  refused: string | null;
  isTemplate?: boolean;
  file: JsonFile | null;
}

/** Analyze a file's text without opening it (workspace scan). Settings of `uri` apply (rule severities, size limit). */
export const ANALYZE_TEXT_REQUEST = 'awsResponsibility/analyzeText';

export interface AnalyzeTextParams {
  uri: string;
  text: string;
  /** Editor language id when known; the server detects the syntax from the file name otherwise. */
  languageId?: string;
}

/** The JSON-RPC "method not found" code: the server in use does not know ANALYZE_TEXT yet. */
export const METHOD_NOT_FOUND = -32601;
