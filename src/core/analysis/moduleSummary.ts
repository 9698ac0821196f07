// What the analysis keeps of a Python file: small, plain data (no syntax tree), so the whole workspace
// fits in memory and rules never need to re-parse files that are not open.
import type { DataKeyDoc } from './pyinfraModel';
import { Range } from './types';

/** A name bound at module level by an import, an alias assignment, or `from x import *`. */
export type Binding =
  | { kind: 'module'; module: string } // import a.b as m  -> m = module a.b;  import a.b -> a = module a
  | { kind: 'from'; module: string; level: number; name: string } // from .x import A as B
  | { kind: 'alias'; target: string }; // B = a.b.C at module level

export interface StarImport {
  module: string;
  level: number;
}

export interface Parameter {
  name: string;
  kind: 'positional' | 'keywordOnly' | 'varArgs' | 'varKeywords';
  hasDefault: boolean;
  /** Before `/`: cannot be passed by keyword. */
  positionalOnly?: boolean;
  range: Range;
}

/** The literal kind of a value as written, for checking it against a data_cls annotation. */
export type LiteralKind = 'str' | 'int' | 'float' | 'bool' | 'None' | 'list' | 'dict' | 'tuple' | 'set';

/** A host data dict literal yielded by make_names_data. */
export interface HostDataDict {
  /** The literal, braces included. */
  range: Range;
  entries: Array<{ key: string; keyRange: Range; value: LiteralKind | null; valueText: string; valueRange: Range }>;
}

export interface MethodSummary {
  name: string;
  nameRange: Range;
  /** Range of the whole definition, decorators included (connector methods only, else empty). */
  range: Range;
  /** Decorator expressions as written, without `@`: "staticmethod", "abc.abstractmethod", "override". */
  decorators: string[];
  /** null when the parameter list is half-written (contains a syntax error), or for methods pyinfra never calls. */
  parameters: Parameter[] | null;
  /** Column of the `def` keyword, for inserting decorators. */
  defColumn: number;
  /** Range of the parameter list, parentheses included. */
  parametersRange: Range;
  /** make_names_data only: the host data dict literals it yields or returns. */
  hostData?: HostDataDict[];
}

export interface KeyInfo {
  name: string;
  range: Range;
  /** The annotation of a TypedDict key, without NotRequired/Required/Annotated. */
  type?: string;
}

export interface ClassAttribute {
  name: string;
  range: Range;
  /** The assigned expression as written. */
  value: string;
  /** For `True`/`False`. */
  literal?: boolean;
  /** Keys of a dict literal; null when the dict is not all string-literal keys. */
  dictKeys?: string[] | null;
  /** A data_meta dict literal of DataMeta(...) calls: each key's description and default. */
  metaDocs?: Record<string, DataKeyDoc>;
}

export interface ClassSummary {
  name: string;
  nameRange: Range;
  range: Range;
  /** Base expressions as dotted text ("BaseConnector", "b.BaseConnector"); subscripts reduced to their value. */
  bases: string[];
  /** Keyword arguments of the class statement, e.g. metaclass. */
  keywords: Record<string, string>;
  /** Class decorators as written, without `@`. */
  decorators: string[];
  methods: MethodSummary[];
  attributes: ClassAttribute[];
  /** Method names seen only through a syntax error in the body: present, shape unknown. */
  uncertainMethods: string[];
  /** Annotated names in the body (TypedDict keys). */
  annotations: KeyInfo[];
  /** Indentation of the body and the last line of the class, for inserting methods. */
  bodyIndent: string;
  endLine: number;
}

export interface LegacyUse {
  range: Range;
  what: string;
}

export interface ModuleSummary {
  path: string;
  bindings: Record<string, Binding>;
  starImports: StarImport[];
  classes: ClassSummary[];
  /** Module-level dict literals (`name = {...}`): their keys, or null when not all keys are string literals. */
  dicts: Record<string, string[] | null>;
  /** Module-level dicts of DataMeta(...) calls (a data_meta defined outside the class). */
  metaDocs: Record<string, Record<string, DataKeyDoc>>;
  legacy: LegacyUse[];
  /** True when the parse had syntax errors somewhere. */
  hasErrors: boolean;
}
