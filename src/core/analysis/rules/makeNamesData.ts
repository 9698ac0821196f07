// PCK003, PCK004, PCK006: make_names_data is called on the class as make_names_data(arg).
import { MethodSummary } from '../moduleSummary';
import { RuleContext } from './ruleContext';

function hasDecorator(method: MethodSummary, name: string): boolean {
  return method.decorators.some((decorator) => decorator === name || decorator.endsWith(`.${name}`));
}

export function makeNamesData(context: RuleContext): void {
  for (const { cls, file } of context.connectors) {
    const method = cls.methods.find((candidate) => candidate.name === 'make_names_data');
    if (!method) continue;
    const isStatic = hasDecorator(method, 'staticmethod');
    const isClassMethod = hasDecorator(method, 'classmethod');
    if (!isStatic && !isClassMethod) {
      context.report({
        file, range: method.nameRange, severity: 'error', code: 'PCK003',
        message: `make_names_data of ${cls.name} is an instance method: pyinfra calls ${cls.name}.make_names_data(arg) on the class, `
          + 'so the first parameter receives the target argument instead of an instance; make it a @staticmethod',
      });
      continue;
    }
    if (isClassMethod) {
      context.report({
        file, range: method.nameRange, severity: 'warning', code: 'PCK004',
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
        file, range: method.nameRange, severity: 'error', code: 'PCK006',
        message: `make_names_data of ${cls.name} takes no argument: pyinfra calls make_names_data(arg) (arg is None for @name without /arg) `
          + 'and will fail with TypeError (takes 0 positional arguments but 1 was given)',
      });
    } else if (extraRequired.length > 0) {
      const names = extraRequired.map((p) => p.name).join(', ');
      context.report({
        file, range: method.nameRange, severity: 'error', code: 'PCK006',
        message: `make_names_data of ${cls.name} requires ${names} besides the target argument: pyinfra passes only make_names_data(arg) `
          + 'and will fail with TypeError (missing required argument)',
      });
    }
  }
}
