// PCK001, PCK002: methods a concrete connector class needs, own or inherited.
import { EXECUTION_METHODS } from '../pyinfraModel';
import { RuleContext } from './ruleContext';

export function missingMethods(context: RuleContext): void {
  for (const facts of context.connectors) {
    if (!facts.certain || context.isBase(facts)) continue;
    const { cls, file } = facts;
    if (!facts.methods.has('make_names_data')) {
      context.report({
        file, range: cls.nameRange, severity: 'error', code: 'PCK001',
        message: `${cls.name} has no make_names_data of its own or inherited: pyinfra will call BaseConnector.make_names_data, `
          + `which returns None, and fail with TypeError ('NoneType' object is not iterable) when it builds the inventory`,
      });
    }
    if (facts.handlesExecution !== true) continue;
    for (const method of EXECUTION_METHODS) {
      if (facts.methods.has(method)) continue;
      context.report({
        file, range: cls.nameRange, severity: 'error', code: 'PCK002',
        message: `${cls.name} sets handles_execution = True but has no ${method}: pyinfra will fail with TypeError `
          + `when it instantiates ${cls.name} (can't instantiate abstract class with abstract method ${method})`,
      });
    }
  }
}
