/** Custom requests between our client and server (the view asks the server for analyses). */
import type { JsonFile } from '../core/present/report';

export const FILE_REPORT_REQUEST = 'awsResponsibility/fileReport';
export const MODEL_REQUEST = 'awsResponsibility/model';
/** Analyze a file's text without opening it (workspace scan). Settings of `uri` apply (rule severities, size limit). */
export const ANALYZE_TEXT_REQUEST = 'awsResponsibility/analyzeText';

export interface FileReportParams {
  uri: string;
}

export interface AnalyzeTextParams {
  uri: string;
  text: string;
  /** Editor language id when known; the server detects the syntax from the file name otherwise. */
  languageId?: string;
}

/** Result of `awsResponsibility/fileReport` and of `awsResponsibility/analyzeText`. */
export interface FileReportResult {
  uri: string;
  version: number;
  /** Why the file was not analyzed (too large, binary), else null. */
  refused: string | null;
  isTemplate?: boolean;
  file: JsonFile | null;
}
