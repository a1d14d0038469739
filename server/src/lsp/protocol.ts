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

/**
 * Web build: the server (in the extension's web worker, without a disk) asks the client to read the workspace through
 * `vscode.workspace.fs`: a Terraform module's other files, `.aws-responsibility.yaml`, nested templates. The client
 * answers only inside the workspace folders, never follows a symbolic link and refuses what is not a regular file or
 * is larger than `maxBytes`.
 */
export const READ_FILE_REQUEST = 'awsResponsibility/readFile';
export const READ_DIRECTORY_REQUEST = 'awsResponsibility/readDirectory';

export interface ReadFileParams {
  uri: string;
  maxBytes: number;
}

/** Why a file is not read: a link, a folder, another kind of entry, too large, outside the workspace folders, an error. */
export type ReadRefusal = 'link' | 'folder' | 'not-file' | 'too-large' | 'outside' | 'unreadable';

export type ReadFileResult = { text: string; size: number } | { absent: true } | { refused: ReadRefusal; size?: number; message?: string };

export interface ReadDirectoryParams {
  uri: string;
}

/** A folder's regular files and folders (links are left out); null when it cannot be read. */
export type ReadDirectoryResult = { entries: [name: string, kind: 'file' | 'dir'][] } | null;

/**
 * Benchmarks only (the server sends it when started with `ARL_BENCH_TIMING=1`): after each publication of diagnostics,
 * where the server's time went, in ms. `syncMs`: applying the changes to the document since the last analysis;
 * `waitMs`: from the last change to the start of the analysis; `settingsMs`: the document's settings and config;
 * `analysisMs`: the analysis (parse, rules, workspace config); `findingsMs`: suppressions and rule settings;
 * `convertMs`: findings to LSP diagnostics; `yieldMs`: requests answered between the analysis and the publication;
 * `sendMs`: handing them to the connection; `lensMs`: what follows.
 */
export const TIMING_NOTIFICATION = '$/awsResponsibility/timing';

export interface TimingParams {
  uri: string;
  version: number;
  syncMs: number;
  waitMs: number;
  settingsMs: number;
  analysisMs: number;
  findingsMs: number;
  convertMs: number;
  /** Requests answered between the analysis and the publication (a hover sent during the analysis). */
  yieldMs?: number;
  sendMs: number;
  lensMs: number;
  diagnostics: number;
  /** Diagnostics reused from the previous publication (not rebuilt, their JSON not re-serialized over stdio). */
  reused: number;
  /** When the analysis started and when the diagnostics were handed to the connection (ms since the epoch, fractional). */
  startedAt: number;
  sentAt: number;
}

/** Benchmarks only (`ARL_BENCH_TIMING=1`): the server's memory in bytes, after a full GC when it can run one. */
export const MEMORY_REQUEST = '$/awsResponsibility/memory';

export interface MemoryResult {
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  rss: number;
  /** Peak resident set size so far. */
  maxRSS: number;
}
