// The connectors the inventory sidebar lists, gathered from three places: workspace classes found by
// the analyser, installed entry points, and the targets named in settings.
import * as path from 'path';
import type { ConnectorClass, Range } from '../analysis/types';
import type { ConnectorInfo } from '../bridge/protocol';

export interface ConnectorSource {
  /** Stable across refreshes: used for tree ids, remembered arguments and the selection. */
  id: string;
  label: string;
  /** Target spec without the `/arg` part. */
  target: string;
  kind: 'workspace' | 'installed' | 'setting';
  /** Entry-point name (`@name`) when the class is registered. */
  entryPointName?: string;
  file?: string;
  range?: Range;
  handlesExecution: boolean | null;
}

/** The spec handed to the bridge: `/arg` appended when an argument is set. */
export function targetWithArgument(source: ConnectorSource, argument: string | undefined): string {
  return argument ? `${source.target}/${argument}` : source.target;
}

function isBuiltIn(info: ConnectorInfo): boolean {
  return info.entryPoint.startsWith('pyinfra.');
}

/**
 * Workspace classes come first (loaded straight from their files, so nothing needs installing), then
 * installed third-party entry points not already covered by a workspace class, then setting targets.
 * pyinfra's built-ins (`@ssh`, `@docker`, ...) need an argument to yield anything, so they appear only
 * when a setting names them.
 */
export function gatherSources(
  workspaceRoot: string,
  classes: readonly ConnectorClass[],
  installed: readonly ConnectorInfo[],
  settingTargets: readonly string[],
): ConnectorSource[] {
  const sources: ConnectorSource[] = [];
  const seen = new Set<string>();
  const add = (source: ConnectorSource) => {
    if (seen.has(source.id)) return;
    seen.add(source.id);
    sources.push(source);
  };

  const concrete = classes.filter((c) => !c.isBase).sort((a, b) => a.name.localeCompare(b.name) || a.file.localeCompare(b.file));
  const entryPointsOfWorkspace = new Set<string>();
  for (const cls of concrete) {
    const relative = path.relative(workspaceRoot, cls.file).split(path.sep).join('/');
    const target = `${relative}:${cls.name}`;
    if (cls.entryPointName) entryPointsOfWorkspace.add(cls.entryPointName);
    add({
      id: `workspace:${target}`,
      label: cls.name,
      target,
      kind: 'workspace',
      entryPointName: cls.entryPointName,
      file: cls.file,
      range: cls.range,
      handlesExecution: cls.handlesExecution,
    });
  }
  for (const info of installed) {
    if (info.error || isBuiltIn(info) || entryPointsOfWorkspace.has(info.name)) continue;
    add({ id: `installed:@${info.name}`, label: `@${info.name}`, target: `@${info.name}`, kind: 'installed', handlesExecution: info.handlesExecution });
  }
  for (const target of settingTargets) {
    const trimmed = target.trim();
    if (!trimmed) continue;
    add({ id: `setting:${trimmed}`, label: trimmed, target: trimmed, kind: 'setting', handlesExecution: null });
  }
  return sources;
}
