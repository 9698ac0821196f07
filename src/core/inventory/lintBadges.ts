// Which connector class a lint diagnostic is about, for the badge on its node in the tree.

/** The class a diagnostic on `line` belongs to: the last of the file's classes that starts at or before it. */
export function enclosingClass<T extends { line: number }>(classes: readonly T[], line: number): T | undefined {
  let found: T | undefined;
  for (const cls of classes) if (cls.line <= line && (!found || cls.line >= found.line)) found = cls;
  return found;
}
