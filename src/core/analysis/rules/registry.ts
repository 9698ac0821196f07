// The rule registry: every lint rule once, in code order. The analysis runs their checks, quick fixes are
// found here by code, and the README's rule table and the SARIF rule metadata are generated from it.
import { PCK009 } from './dataMeta';
import { PCK007 } from './entryPoints';
import { PCK010, PCK011 } from './hostData';
import { PCK005 } from './executionSignatures';
import { PCK008 } from './legacyApi';
import { PCK003, PCK004, PCK006 } from './makeNamesData';
import { PCK001, PCK002 } from './missingMethods';
import { Rule, RuleContext } from './ruleContext';

export const RULES: readonly Rule[] = [PCK001, PCK002, PCK003, PCK004, PCK005, PCK006, PCK007, PCK008, PCK009, PCK010, PCK011];

export function ruleFor(code: string): Rule | undefined {
  return RULES.find((rule) => rule.code === code);
}

export function severityOf(code: string): Rule['severity'] {
  const rule = ruleFor(code);
  if (!rule) throw new Error(`no rule ${code} in the registry`);
  return rule.severity;
}

/** Runs each distinct check once (several rules share one). */
export function runChecks(context: RuleContext): void {
  for (const check of new Set(RULES.map((rule) => rule.check))) check(context);
}

/** The README's rule table, in Markdown. */
export function rulesTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '| code | severity | flags | quick fix |',
    '|---|---|---|---|',
    ...RULES.map((rule) => `| ${rule.code} | ${rule.severity} | ${cell(rule.documentation)} |${rule.fixDocumentation ? ` ${cell(rule.fixDocumentation)} ` : ' '}|`),
  ].join('\n');
}
