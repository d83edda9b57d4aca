// Types for the `stackengine` package. Every result is plain data (no handles).

export interface SourceLocation {
  /** Byte offset in the UTF-8 input. */
  offset: number;
  /** Offset in UTF-16 code units: use with String.prototype.slice. */
  offsetUtf16: number;
  /** 1-based. */
  line: number;
  /** 1-based, in code points. */
  column: number;
}

export interface TextError {
  /** "" when there is no error. */
  code: string;
  message: string;
  location: SourceLocation;
}

export interface RedactFinding {
  rule: string;
  category: string;
  severity: string;
  start: SourceLocation;
  end: SourceLocation;
  placeholder: string;
}

export interface RedactOptions {
  /** "format-preserving" (default): identifiers keep their shape (an account id stays
   *  12 digits, an ARN stays an ARN); "labelled": everything becomes {{LABEL_n}}. */
  placeholderStyle?: 'format-preserving' | 'labelled';
  /** Categories of the built-in rules to skip, e.g. ["aws-identifier"]; see ruleCategories(). */
  disabledCategories?: string[];
}

export interface RuleCategory {
  name: string;
  /** How many built-in rules carry it. */
  rules: number;
}

export interface RedactResult {
  error: TextError;
  redacted: string;
  findings: RedactFinding[];
}

export interface AnalyzeRequest {
  policy?: string;
  caller?: string;
  error?: string;
  roleArn?: string;
  callerArn?: string;
  externalId?: string;
  /** Also return redacted copies of the inputs (default true). */
  redact?: boolean;
}

export interface InputError {
  input: 'policy' | 'caller' | 'error';
  code: string;
  message: string;
  location: SourceLocation;
}

export interface DetectedInputs {
  policyKind: string;
  callerFormat: string;
  errorKind: string;
}

export interface Evidence {
  input: 'policy' | 'caller' | 'error';
  pointer: string;
  location: SourceLocation;
  text: string;
}

export interface Cause {
  id: string;
  confidence: number;
  title: string;
  explanation: string;
  evidence: Evidence[];
  fix: string;
}

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface PolicyFinding {
  id: string;
  severity: Severity;
  statement: number;
  pointer: string;
  location: SourceLocation;
  message: string;
  fix: string;
}

export interface FixedPolicy {
  changed: boolean;
  json: string;
  terraform: string;
  terraformJsonencode: string;
  cloudformationYaml: string;
  cloudformationJson: string;
  diff: string;
  applied: string[];
  findingsAfter: PolicyFinding[];
}

export interface FixedCaller {
  changed: boolean;
  format: string;
  text: string;
  diff: string;
  applied: string[];
  problems: string[];
}

export interface RedactedInputs {
  policy: string;
  caller: string;
  error: string;
  replaced: number;
}

export interface AnalyzeResult {
  detected: DetectedInputs;
  inputErrors: InputError[];
  decision: '' | 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';
  causes: Cause[];
  findings: PolicyFinding[];
  fixedPolicy: FixedPolicy;
  fixedCaller: FixedCaller;
  redacted: RedactedInputs;
}

export interface PolicyError {
  code: string;
  message: string;
  location: SourceLocation;
  pointer: string;
}

export interface Finding {
  id: string;
  severity: Severity;
  statement: number;
  pointer: string;
  location: SourceLocation;
  message: string;
  fix: string;
}

export interface LintResult {
  findings: Finding[];
  errors: PolicyError[];
}

export interface FixOptions {
  roleArn?: string;
  /** One id for every external account. */
  externalId?: string;
  /** Per-account ids: "ACCOUNT=VALUE" strings or objects. */
  externalIds?: Array<string | { account?: string; value: string }>;
  trustedPrincipalArn?: string;
  /** "ORG/REPO" or "ORG/REPO:REF". */
  githubRepo?: string;
  samlAudience?: string;
  sourceAccount?: string;
  sourceArn?: string;
}

export interface FixResult {
  errors: PolicyError[];
  changed: boolean;
  originalJson: string;
  policyJson: string;
  applied: Array<{ fix: string; statement: number; pointer: string; description: string }>;
  notFixed: Array<{ finding: string; statement: number; reason: string }>;
  findingsAfter: Finding[];
  /** Set when no external id was given and one was generated. */
  generatedExternalId: string;
}

export interface SimulateRequest {
  policy: string;
  principal: string;
  action?: string;
  roleArn?: string;
  identityPolicies?: string[];
  scps?: string[];
  permissionsBoundary?: string;
  callerPoliciesKnown?: boolean;
  call?: {
    action?: string;
    externalId?: string;
    sessionName?: string;
    sourceIdentity?: string;
    mfaSerial?: string;
    tokenCode?: string;
    durationSeconds?: number;
    tags?: Array<{ key: string; value: string }>;
    transitiveTagKeys?: string[];
  };
  [extra: string]: unknown;
}

/** Decision plus reasons; see include/stackengine/simulate.hpp for every field. */
export interface SimulationResult {
  decision: 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied' | string;
  [field: string]: unknown;
}

/** See include/stackengine/caller.hpp for every field. */
export interface CallerParseResult {
  [field: string]: unknown;
}

export type DiagnoseResult = Pick<AnalyzeResult, 'detected' | 'inputErrors' | 'decision' | 'causes'>;

export interface SandboxOptions {
  /** Where stackengine.wasm is served from (browser). Default: next to the module. */
  wasmUrl?: string | URL;
  /** The wasm bytes, if already loaded. */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

export interface Sandbox {
  analyze(request: AnalyzeRequest): AnalyzeResult;
  diagnose(request: AnalyzeRequest): DiagnoseResult;
  /** Same vault whatever the options: a value keeps its placeholder per style. */
  redact(text: string, options?: RedactOptions): RedactResult;
  /** The built-in rules' categories, sorted by name. */
  ruleCategories(): RuleCategory[];
  restore(text: string): string;
  resetVault(): void;
  /** Findings on a trust policy (any shape parse accepts: JSON, get-role, CloudFormation, plan). */
  lint(policy: string, options?: { roleArn?: string }): LintResult;
  /** Rewrites the trust policy; never drops or weakens existing conditions. */
  fix(policy: string, options?: FixOptions): FixResult;
  /** Would STS allow this AssumeRole call? Decision plus per-statement reasons. */
  simulate(request: SimulateRequest): SimulationResult;
  /** Parses a caller (CLI command, ~/.aws/config, Terraform, workflow step, SDK snippet). */
  parseCaller(text: string): CallerParseResult;
  /** Bytes of WebAssembly linear memory (grows, never shrinks). */
  memoryBytes(): number;
  /** Bytes allocated on the core's heap right now. */
  heapBytes(): number;
  /** Frees the core's handles. The sandbox is unusable afterwards. */
  dispose(): void;
}

export declare class SandboxError extends Error {
  code: string;
}

export declare function createSandbox(options?: SandboxOptions): Promise<Sandbox>;
