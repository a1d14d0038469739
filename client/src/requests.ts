/** Requests the client sends to our server (defined with the server in server/src/lsp/protocol.ts). */
export {
  ANALYZE_TEXT_REQUEST,
  FILE_REPORT_REQUEST,
  MODEL_REQUEST,
  type AnalyzeTextParams,
  type FileReportResult,
  // The web build's server reads the workspace through the client (client/src/web/workspace-fs.ts).
  READ_DIRECTORY_REQUEST,
  READ_FILE_REQUEST,
  type ReadDirectoryParams,
  type ReadDirectoryResult,
  type ReadFileParams,
  type ReadFileResult,
} from '../../server/src/lsp/protocol';

/** The JSON-RPC "method not found" code: the server in use does not know a request. */
export const METHOD_NOT_FOUND = -32601;
