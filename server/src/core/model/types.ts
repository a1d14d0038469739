/**
 * The resource model shared by every parser (CloudFormation YAML/JSON, Terraform HCL/JSON) and every
 * consumer (catalog lookup, value evaluator, rules, hover, report). Pure data: no LSP or VS Code types.
 *
 * All positions are UTF-16 offsets into the document text (what JavaScript string indices are);
 * `Span` is half-open: [start, end).
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Language = 'cloudformation' | 'terraform';

/** A value tree abstracting YAML, JSON and HCL. */
export type ValueNode = MapNode | ListNode | ScalarNode | IntrinsicNode | ExprNode;

export interface MapEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: ValueNode;
  /** HCL only: true when the entry is a nested block (`ebs_block_device { ... }`), false/undefined for `a = b`. */
  readonly block?: boolean;
  /** HCL only: block labels (`dynamic "ingress" {}` → ["ingress"]). */
  readonly labels?: readonly string[];
}

/** A mapping. Keys may repeat (HCL repeated nested blocks); use the helpers in `nodes.ts`. */
export interface MapNode {
  readonly type: 'map';
  readonly span: Span;
  readonly entries: readonly MapEntry[];
}

export interface ListNode {
  readonly type: 'list';
  readonly span: Span;
  readonly items: readonly ValueNode[];
}

export interface ScalarNode {
  readonly type: 'scalar';
  readonly span: Span;
  readonly value: string | number | boolean | null;
}

/** A CloudFormation intrinsic function, long form (`Fn::If`, `Ref`) or short tag (`!If`), normalized to the long name. */
export interface IntrinsicNode {
  readonly type: 'intrinsic';
  readonly span: Span;
  /** 'Ref' | 'Condition' | 'Fn::If' | 'Fn::Sub' | 'Fn::GetAtt' | ... */
  readonly fn: string;
  readonly arg: ValueNode;
}

/** An expression the parser does not reduce to a literal (HCL `var.x`, `aws_s3_bucket.b.id`, `"${...}"`, function calls...). */
export interface ExprNode {
  readonly type: 'expr';
  readonly span: Span;
  /** Source text of the expression. */
  readonly text: string;
  /** Traversals referenced, dotted, without index parts: `var.x`, `local.y`, `aws_s3_bucket.b.id`, `module.m.out`. */
  readonly refs: readonly string[];
  /**
   * A value the source leaves open by construction (a Terraform plan's `after_unknown` attribute): the evaluator returns
   * unknown with this reason, whatever `text` says.
   */
  readonly unknown?: string;
}

export type ResourceMode = 'resource' | 'data' | 'module';

export interface Resource {
  readonly language: Language;
  /** CFN logical id, or Terraform `type.name` (`data.type.name` for data sources, `module.name` for modules). */
  readonly id: string;
  /** The logical id / Terraform name label and where it is. */
  readonly name: string;
  readonly nameSpan: Span;
  /** `AWS::S3::Bucket` / `aws_s3_bucket` (for a module: its `source` string). */
  readonly type: string;
  readonly typeSpan: Span;
  /** The whole resource (CFN: from the logical id to the end of its mapping; TF: the whole block). */
  readonly span: Span;
  readonly mode: ResourceMode;
  /** CFN `Properties` mapping / Terraform block body. Undefined when absent. */
  readonly properties?: MapNode;
  /** CFN only: the resource's whole mapping (Type, Properties, Metadata, Condition, DeletionPolicy...). */
  readonly definition?: MapNode;
  /**
   * For one instance of a Terraform block expanded by `count` / `for_each` (id `aws_x.y[0]`), or a resource of a module
   * instance (id `module.m.aws_x.y`): the resource as the file declares it. Its nodes are the declared resource's own.
   */
  readonly template?: Resource;
}

export interface SyntaxError {
  readonly message: string;
  readonly span: Span;
}

/** Named values a template declares: CFN Parameters/Mappings/Conditions, Terraform variables/locals. */
export interface Declarations {
  /** CFN Parameters / Terraform variables: name → declaration mapping (Default / default inside). */
  readonly parameters: ReadonlyMap<string, { readonly span: Span; readonly node: MapNode }>;
  /** CFN Conditions: name → condition expression. */
  readonly conditions: ReadonlyMap<string, ValueNode>;
  /** CFN Mappings: name → mapping. */
  readonly mappings: ReadonlyMap<string, MapNode>;
  /** Terraform locals: name → expression. */
  readonly locals: ReadonlyMap<string, ValueNode>;
}

export interface ParsedDocument {
  readonly language: Language;
  /** false for YAML/JSON that is not a CloudFormation template: such files get nothing at all. */
  readonly isTemplate: boolean;
  readonly resources: readonly Resource[];
  readonly declarations: Declarations;
  /** CFN `Transform` values (e.g. AWS::Serverless-2016-10-31). */
  readonly transforms: readonly string[];
  /** CFN SAM `Globals` mapping. */
  readonly globals?: MapNode;
  /**
   * CFN only: the `Fn::ForEach::<Loop>` entries of `Resources`, as written (absent when there are none); `expandForEach`
   * (parse/cfn-foreach.ts) turns them into resources. A loop that is the only key of its mapping is read as an intrinsic
   * by the parsers; it is given back here as an entry whose `keySpan` starts where that mapping starts.
   */
  readonly forEach?: readonly MapEntry[];
  readonly syntaxErrors: readonly SyntaxError[];
  /** `plan`: generated output (a Terraform plan's JSON) — findings point into it, but nothing in it is to be edited. */
  readonly source?: 'plan';
  /** Line comments (hash, double-slash and block comments), for suppression comments. Text excludes the comment marker. */
  readonly comments: readonly Comment[];
  /**
   * Terraform only: the `provider` blocks, each as a Resource of type `provider` (id `provider.aws`, name `aws` or
   * `aws.east`). Not in `resources`: a provider configuration creates nothing; only the rules in PROVIDER_RULES read it.
   */
  readonly providers?: readonly Resource[];
  /**
   * CloudFormation only: the `Outputs` entries, each as a Resource of type `output` (id `Outputs.<Name>`, `definition` its
   * mapping, `properties` too). Not in `resources`: an output creates nothing; only the rules in OUTPUT_RULES read it
   * (a secret shown to anyone allowed to describe the stack).
   */
  readonly outputs?: readonly Resource[];
}

export interface Comment {
  readonly text: string;
  readonly span: Span;
}

export function emptyDeclarations(): Declarations {
  return { parameters: new Map(), conditions: new Map(), mappings: new Map(), locals: new Map() };
}

/** A document with nothing in it (a value evaluated on its own, a file that holds no template). */
export function emptyDocument(language: Language, isTemplate = true): ParsedDocument {
  return { language, isTemplate, resources: [], declarations: emptyDeclarations(), transforms: [], syntaxErrors: [], comments: [] };
}
