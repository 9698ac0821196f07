// PCK003, PCK004, PCK006: make_names_data is called on the class as make_names_data(arg).
import { hasDecorator, isOverload, isStaticmethod } from '../connectorFacts';
import { addStaticmethod, findMethod } from '../fixEdits';
import { Rule, RuleContext } from './ruleContext';

function checkMakeNamesData(context: RuleContext): void {
  for (const { cls, file } of context.connectors) {
    const method = cls.methods.find((candidate) => candidate.name === 'make_names_data' && !isOverload(candidate.decorators));
    if (!method) continue;
    const isStatic = isStaticmethod(method);
    const isClassMethod = hasDecorator(method.decorators, 'classmethod');
    if (!isStatic && !isClassMethod) {
      context.report({
        file, range: method.nameRange, code: 'PCK003',
        message: `make_names_data of ${cls.name} is an instance method: pyinfra calls ${cls.name}.make_names_data(arg) on the class, `
          + 'so the first parameter receives the target argument instead of an instance; make it a @staticmethod',
      });
      continue;
    }
    if (isClassMethod) {
      context.report({
        file, range: method.nameRange, code: 'PCK004',
        message: `make_names_data of ${cls.name} is a @classmethod: it works, but pyinfra documents it as a @staticmethod make_names_data(name)`,
      });
    }
    if (!method.parameters) continue;
    const parameters = isClassMethod ? method.parameters.slice(1) : method.parameters;
    const positional = parameters.filter((p) => p.kind === 'positional');
    const takesOne = positional.length > 0 || parameters.some((p) => p.kind === 'varArgs');
    const required = parameters.filter((p) => (p.kind === 'positional' || p.kind === 'keywordOnly') && !p.hasDefault);
    const extraRequired = required.filter((p) => p !== positional[0]);
    if (!takesOne) {
      context.report({
        file, range: method.nameRange, code: 'PCK006',
        message: `make_names_data of ${cls.name} takes no argument: pyinfra calls make_names_data(arg) (arg is None for @name without /arg) `
          + 'and will fail with TypeError (takes 0 positional arguments but 1 was given)',
      });
    } else if (extraRequired.length > 0) {
      const names = extraRequired.map((p) => p.name).join(', ');
      context.report({
        file, range: method.nameRange, code: 'PCK006',
        message: `make_names_data of ${cls.name} requires ${names} besides the target argument: pyinfra passes only make_names_data(arg) `
          + 'and will fail with TypeError (missing required argument)',
      });
    }
  }
}

export const PCK003: Rule = {
  code: 'PCK003',
  severity: 'error',
  title: 'make_names_data defined as an instance method',
  documentation: '`make_names_data` is an instance method',
  fixDocumentation: 'add `@staticmethod` (and drop `self`)',
  check: checkMakeNamesData,
  fix({ diagnostic, summary }) {
    const method = findMethod(summary, diagnostic.range);
    return method ? [{
      title: 'Make make_names_data a @staticmethod', code: 'PCK003', isPreferred: true, edits: addStaticmethod(diagnostic.file, method),
    }] : [];
  },
};

export const PCK004: Rule = {
  code: 'PCK004',
  severity: 'warning',
  title: 'make_names_data defined as a @classmethod',
  documentation: '`make_names_data` is a `@classmethod` (it works, pyinfra documents `@staticmethod`)',
  check: checkMakeNamesData,
};

export const PCK006: Rule = {
  code: 'PCK006',
  severity: 'error',
  title: 'make_names_data cannot take the one positional argument pyinfra passes',
  documentation: '`make_names_data` that cannot take the one argument pyinfra passes (`None` for `@name` without `/arg`)',
  check: checkMakeNamesData,
};
