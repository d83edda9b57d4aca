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
  redact(text: string): RedactResult;
  restore(text: string): string;
  resetVault(): void;
  lint(policy: string, options?: { roleArn?: string }): unknown;
  fix(policy: string, options?: Record<string, unknown>): unknown;
  simulate(request: Record<string, unknown>): unknown;
  parseCaller(text: string): unknown;
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
