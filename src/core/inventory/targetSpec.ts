// Target specs, as the bridge reads them (python/pyinfra_kit_bridge/targets.py does the same):
//   @name[/arg]                   an installed connector (entry point), pyinfra's built-ins included
//   path/to/file.py:Class[/arg]   a class straight from a workspace file, nothing installed
//   pkg.module:Class[/arg]        a class from an importable module
//   hostname                      one host reached over SSH, as in pyinfra

export type TargetSpec =
  | { kind: 'entry-point'; spec: string; name: string; arg?: string }
  | { kind: 'file'; spec: string; path: string; className: string; arg?: string }
  | { kind: 'module'; spec: string; module: string; className: string; arg?: string }
  | { kind: 'host'; spec: string; hostname: string };

const ENTRY_POINT = /^@([^/]+)(?:\/([\s\S]*))?$/;
const FILE = /^([\s\S]+\.py):([A-Za-z_]\w*)(?:\/([\s\S]*))?$/;
const MODULE = /^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*):([A-Za-z_]\w*)(?:\/([\s\S]*))?$/;
const HOSTNAME = /^[^\s@/:]+$|^\[[0-9a-fA-F:.]+\]$|^[0-9a-fA-F:]+$/;

export const TARGET_FORMS = '@name[/arg], path/to/file.py:Class[/arg], pkg.module:Class[/arg] or a hostname';

/** The parsed spec, or undefined when it is none of the four forms. */
export function parseTargetSpec(text: string): TargetSpec | undefined {
  const spec = text.trim();
  let match = ENTRY_POINT.exec(spec);
  if (match) return { kind: 'entry-point', spec, name: match[1], arg: match[2] };
  match = FILE.exec(spec);
  if (match) return { kind: 'file', spec, path: match[1], className: match[2], arg: match[3] };
  match = MODULE.exec(spec);
  if (match) return { kind: 'module', spec, module: match[1], className: match[2], arg: match[3] };
  if (spec && HOSTNAME.test(spec)) return { kind: 'host', spec, hostname: spec };
  return undefined;
}
