// Hover on a connector method's name: what pyinfra passes to it and what it must return.
import { METHOD_HOVER } from './pyinfraModel';
import { Range } from './types';
import { WorkspaceIndex } from './workspaceIndex';

export interface HoverText {
  markdown: string;
  range: Range;
}

function within(range: Range, position: Range['start']): boolean {
  return position.line === range.start.line && position.character >= range.start.character && position.character <= range.end.character;
}

export function connectorMethodHover(index: WorkspaceIndex, file: string, position: Range['start']): HoverText | undefined {
  const summary = index.summary(file);
  if (!summary) return undefined;
  const connectors = index.listConnectorClasses().filter((c) => c.file === file);
  for (const cls of summary.classes) {
    if (!connectors.some((c) => c.name === cls.name && c.range.start.line === cls.nameRange.start.line)) continue;
    const method = cls.methods.find((m) => within(m.nameRange, position));
    const text = method && METHOD_HOVER[method.name];
    if (method && text) return { markdown: text, range: method.nameRange };
  }
  return undefined;
}
