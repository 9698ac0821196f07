// Results of the connector analysis, shared by the language server, the CLI and the extension.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** 0-based positions, as the language server protocol uses them. */
export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface Diagnostic {
  /** Absolute path of the file the diagnostic is in (.py or pyproject.toml). */
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  /** What the rule found, for its quick fix (LSP `Diagnostic.data`): fixes never read the message. */
  data?: DiagnosticData;
}

/** How a PCK005 signature is wrong. */
export type SignatureDefect = 'tooFewPositional' | 'swapped' | 'noVarKeywords' | 'requiredUnpassed';

export interface DiagnosticData {
  /** PCK002: the missing method; PCK005: the method whose signature is wrong. */
  method?: string;
  defect?: SignatureDefect;
  /** PCK010: the key as written and the data_cls key it is close to. */
  key?: string;
  suggestion?: string;
}

/** A pyinfra connector class found in the workspace. */
export interface ConnectorClass {
  file: string;
  name: string;
  /** Range of the class name. */
  range: Range;
  /** Own or inherited; null when it cannot be known. */
  handlesExecution: boolean | null;
  /** The `pyinfra.connectors` entry-point name registered for it, if any. */
  entryPointName?: string;
  /** True when other workspace classes derive from it (a base, not a concrete connector). */
  isBase: boolean;
  /** The class's own methods by name range (CodeLens); absent where a ConnectorClass is made by hand. */
  methods?: { name: string; range: Range }[];
}

/** A change to one file, for quick fixes. */
export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

/** A quick fix: what the editor shows, and the edits it applies. */
export interface QuickFix {
  title: string;
  /** The diagnostic code it fixes, absent for refactorings offered without a diagnostic. */
  code?: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}
