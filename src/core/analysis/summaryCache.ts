// The summary cache of an open document: body items of the previous summary, so an edit re-reads only
// the statements it touched.
import { ClassAttribute, KeyInfo, MethodSummary } from './moduleSummary';

/** What one statement of a class body contributes. */
export interface BodyItem {
  /** Methods it defines, on some path (under `if`, `try` or `with` too). */
  methods: MethodSummary[];
  attributes: ClassAttribute[];
  annotations: KeyInfo[];
  isError: boolean;
  isComment: boolean;
  column: number;
}

/** A class body as last summarised: its items, and where each statement starts ("row:column"). */
export interface ClassRecord {
  items: BodyItem[];
  starts: string[];
}

/**
 * Body items of the previous summary of an open document, keyed by each statement's start and text:
 * a statement whose text and position did not change summarises the same, so an edit re-reads only
 * the statements it touched (reading a statement's text is far cheaper than walking its nodes).
 */
export class SummaryCache {
  private previous = new Map<string, BodyItem>();
  private current = new Map<string, BodyItem>();

  take(key: string): BodyItem | undefined {
    const item = this.previous.get(key);
    if (item) this.current.set(key, item);
    return item;
  }

  put(key: string, item: BodyItem): void {
    this.current.set(key, item);
  }

  private readonly classes = new Map<string, ClassRecord>();

  classRecord(nameKey: string): ClassRecord | undefined {
    return this.classes.get(nameKey);
  }

  recordClass(nameKey: string, record: ClassRecord): void {
    this.classes.set(nameKey, record);
  }

  /** Keeps only what the last summary used. */
  rotate(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}
