/** Which parser a file needs, guards against files we must not parse, and a per-document analyzer that reuses work. */
import { IncrementalAnalyzer, type Analysis } from './analyze';
import { emptyDocument, type ParsedDocument } from './model/types';
import { CfnJsonParser } from './parse/cfn-json-incremental';
import { CfnYamlParser } from './parse/cfn-yaml';
import { applySamGlobals } from './parse/sam';
import { expandForEach } from './parse/cfn-foreach';
import { TerraformParser } from './parse/terraform-incremental';
import type { BasedEdit } from './parse/text-diff';
import { parseTerraformJson } from './parse/terraform-json';
import { isTerraformPlan, parseTerraformPlan } from './parse/terraform-plan';
import { refuseReason } from './refuse';
export { DEFAULT_MAX_BYTES, refuseReason } from './refuse';

/** `terraform-vars`: a variable definitions file (`.tfvars`, `.tfvars.json`), read as part of its module. */
export type Syntax = 'cfn-yaml' | 'cfn-json' | 'terraform' | 'terraform-json' | 'terraform-vars' | 'terraform-plan' | 'none';

/** Chooses the syntax from the file name, else from the editor's language id, else from the content's first character. */
export function detectSyntax(fileName: string, languageId?: string, text?: string): Syntax {
  const name = fileName.toLowerCase();
  if (name.endsWith('.tf.json')) return 'terraform-json';
  if (name.endsWith('.tf')) return 'terraform';
  if (name.endsWith('.tfvars') || name.endsWith('.tfvars.json')) return 'terraform-vars';
  if (name.endsWith('.tfstate')) return 'none';
  // `terraform show -json` output is recognized by its content, whatever its name.
  if (name.endsWith('.json')) return text !== undefined && isTerraformPlan(text) ? 'terraform-plan' : 'cfn-json';
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
      return text !== undefined && isTerraformPlan(text) ? 'terraform-plan' : 'cfn-json';
  }
  return 'none';
}

const EMPTY: ParsedDocument = emptyDocument('cloudformation', false);

/** Holds what one open document can reuse between edits (per-resource YAML chunks), and its last analysis. */
export class DocumentAnalyzer {
  private yaml = new CfnYamlParser();
  private terraform: TerraformParser;
  private json: CfnJsonParser;
  private incremental = new IncrementalAnalyzer();
  private last: Analysis | undefined;

  /** `editing`: a document that will be edited (an editor's): its first full parse prepares for edits (TerraformParser). */
  constructor(
    readonly syntax: Syntax,
    options: { editing?: boolean } = {},
  ) {
    this.terraform = new TerraformParser({ anchorOnParse: options.editing });
    this.json = new CfnJsonParser({ anchorOnParse: options.editing });
  }

  /** `edit`: how the text of the last call (`edit.base`) became `text`, when the caller knows (parse/text-diff.ts). */
  parse(text: string, edit?: BasedEdit): ParsedDocument {
    switch (this.syntax) {
      case 'cfn-yaml':
        return expandForEach(applySamGlobals(this.yaml.parse(text, edit)));
      case 'cfn-json':
        return expandForEach(applySamGlobals(this.json.parse(text, edit)));
      case 'terraform':
        return this.terraform.parse(text, edit);
      case 'terraform-json':
        return parseTerraformJson(text);
      case 'terraform-plan':
        return { ...parseTerraformPlan(text), source: 'plan' };
      default:
        return EMPTY;
    }
  }

  analyze(text: string, edit?: BasedEdit): Analysis {
    this.last = this.incremental.analyze(this.parse(text, edit));
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

/** A CloudFormation template's parse by file name and content (nested stacks); undefined for anything else. */
export function parseTemplateFile(path: string, text: string): ParsedDocument | undefined {
  const syntax = detectSyntax(path, undefined, text);
  if (syntax !== 'cfn-yaml' && syntax !== 'cfn-json') return undefined;
  if (refuseReason(text) !== undefined) return undefined;
  return new DocumentAnalyzer(syntax).parse(text);
}
