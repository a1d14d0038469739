/** Which parser a file needs, guards against files we must not parse, and a per-document analyzer that reuses work. */
import { IncrementalAnalyzer, type Analysis } from './analyze';
import { emptyDeclarations, type ParsedDocument } from './model/types';
import { CfnJsonParser } from './parse/cfn-json-incremental';
import { CfnYamlParser } from './parse/cfn-yaml';
import { applySamGlobals } from './parse/sam';
import { TerraformParser } from './parse/terraform-incremental';
import { parseTerraformJson } from './parse/terraform-json';

export type Syntax = 'cfn-yaml' | 'cfn-json' | 'terraform' | 'terraform-json' | 'none';

/** Files larger than this are not analyzed (CloudFormation's own limit is 1 MB; Terraform files are rarely over 1 MB). */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Chooses the syntax from the file name, else from the editor's language id, else from the content's first character. */
export function detectSyntax(fileName: string, languageId?: string, text?: string): Syntax {
  const name = fileName.toLowerCase();
  if (name.endsWith('.tf.json')) return 'terraform-json';
  if (name.endsWith('.tf')) return 'terraform';
  if (name.endsWith('.tfvars') || name.endsWith('.tfvars.json') || name.endsWith('.tfstate')) return 'none';
  if (name.endsWith('.json')) return 'cfn-json';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'cfn-yaml';
  if (name.endsWith('.template') || name.endsWith('.cfn') || name.endsWith('.cfn.txt')) {
    return text !== undefined && /^\s*\{/.test(text.slice(0, 1000)) ? 'cfn-json' : 'cfn-yaml';
  }
  switch (languageId) {
    case 'terraform':
      return 'terraform';
    case 'yaml':
    case 'cloudformation':
      return 'cfn-yaml';
    case 'json':
    case 'jsonc':
      return 'cfn-json';
  }
  return 'none';
}

/** Why a text is not analyzed at all (a clear message for a diagnostic or the CLI), or undefined when it can be. */
export function refuseReason(text: string, maxBytes = DEFAULT_MAX_BYTES): string | undefined {
  if (text.length > maxBytes) {
    return `File not analyzed: ${(text.length / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit (setting awsResponsibility.maxFileSizeMB).`;
  }
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return 'File not analyzed: it looks binary (it contains NUL bytes).';
  return undefined;
}

const EMPTY: ParsedDocument = {
  language: 'cloudformation',
  isTemplate: false,
  resources: [],
  declarations: emptyDeclarations(),
  transforms: [],
  syntaxErrors: [],
  comments: [],
};

/** Holds what one open document can reuse between edits (per-resource YAML chunks), and its last analysis. */
export class DocumentAnalyzer {
  private yaml = new CfnYamlParser();
  private terraform = new TerraformParser();
  private json = new CfnJsonParser();
  private incremental = new IncrementalAnalyzer();
  private last: Analysis | undefined;

  constructor(readonly syntax: Syntax) {}

  parse(text: string): ParsedDocument {
    switch (this.syntax) {
      case 'cfn-yaml':
        return applySamGlobals(this.yaml.parse(text));
      case 'cfn-json':
        return applySamGlobals(this.json.parse(text));
      case 'terraform':
        return this.terraform.parse(text);
      case 'terraform-json':
        return parseTerraformJson(text);
      default:
        return EMPTY;
    }
  }

  analyze(text: string): Analysis {
    this.last = this.incremental.analyze(this.parse(text));
    return this.last;
  }

  get lastAnalysis(): Analysis | undefined {
    return this.last;
  }
}

/** One-shot analysis of a file's text (CLI, tests). */
export function analyzeText(fileName: string, text: string, languageId?: string): Analysis {
  return new DocumentAnalyzer(detectSyntax(fileName, languageId, text)).analyze(text);
}
