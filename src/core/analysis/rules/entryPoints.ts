// PCK007 (entry point naming nothing in the workspace) and the entry-point half of PCK008 (2.x module entry points).
import { Resolved } from '../symbolResolver';
import { Rule, RuleContext } from './ruleContext';

export function checkEntryPoints(context: RuleContext): void {
  const { resolver } = context.facts;
  for (const entry of context.entryPoints) {
    const location = resolver.moduleLocation(entry.module, 0, entry.file);
    const moduleFound = location?.kind === 'workspace';
    if (!entry.className) {
      context.report({
        file: entry.file, range: entry.range, code: 'PCK008',
        message: `entry point '${entry.name}' names a module (${entry.module}), the pyinfra 2.x style: pyinfra 3 loads module:Class `
          + `and will fail with AttributeError when it reads handles_execution from the module`,
      });
      if (!moduleFound) reportMissing(context, entry.file, entry.range, `entry point '${entry.name}' names ${entry.module}, but no such module exists in the workspace: pyinfra will fail with ModuleNotFoundError when it loads its connectors`);
      continue;
    }
    if (!moduleFound) {
      reportMissing(context, entry.file, entry.range, `entry point '${entry.name}' names ${entry.value}, but no module ${entry.module} exists in the workspace: `
        + 'pyinfra will fail with ModuleNotFoundError when it loads its connectors (every @connector target breaks)');
      continue;
    }
    const target: Resolved = resolver.member(location, entry.className, 0);
    if (target.kind !== 'class' && target.kind !== 'builtin') {
      reportMissing(context, entry.file, entry.range, `entry point '${entry.name}' names ${entry.value}, but ${entry.module} has no class ${entry.className}: `
        + 'pyinfra will fail with AttributeError when it loads its connectors (every @connector target breaks)');
    }
  }
}

function reportMissing(context: RuleContext, file: string, range: RuleContext['entryPoints'][number]['range'], message: string): void {
  context.report({ file, range, code: 'PCK007', message });
}

export const PCK007: Rule = {
  code: 'PCK007',
  severity: 'error',
  title: 'pyinfra.connectors entry point naming a module:Class not in the workspace',
  documentation: 'a `pyinfra.connectors` entry point in `pyproject.toml` whose `module:Class` is not in the workspace',
  check: checkEntryPoints,
};
