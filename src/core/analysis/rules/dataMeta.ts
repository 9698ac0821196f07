// PCK009: every data_cls key needs a data_meta entry, or BaseConnector.__init__ raises KeyError
// (host_to_connector_data reads data_meta[key].default for each key the host data lacks). pyinfra instantiates
// only connectors with handles_execution = True (the others' hosts get @ssh).
import { Rule, RuleContext } from './ruleContext';

function checkDataMeta(context: RuleContext): void {
  for (const facts of context.connectors) {
    const { dataCls, dataMeta: meta, cls, file } = facts;
    // pyinfra instantiates only executing connectors; an inventory-only one's data_meta is never read
    if (facts.handlesExecution !== true) continue;
    if (!dataCls || dataCls === 'base' || !meta) continue;
    const ownsEither = dataCls.owner === cls || (meta !== 'base' && meta.owner === cls);
    if (!ownsEither) continue;
    const keys = context.facts.typedDictKeys(dataCls.file, dataCls.attribute.value);
    const metaKeys = meta === 'base' ? [] : context.facts.dictKeys(meta.file, meta.attribute);
    if (!keys || !metaKeys) continue;
    for (const key of keys) {
      if (metaKeys.includes(key.name)) continue;
      // on the key when it is in this file, else on the data_cls assignment
      const here = key.file === file;
      context.report({
        file: here ? key.file : dataCls.file,
        range: here ? key.range : dataCls.attribute.range,
        code: 'PCK009',
        message: `data_cls key '${key.name}' of ${cls.name} has no data_meta entry: pyinfra will fail with KeyError `
          + `when it connects to a host whose data does not set '${key.name}'`,
      });
    }
  }
}

export const PCK009: Rule = {
  code: 'PCK009',
  severity: 'warning',
  title: 'data_cls key with no data_meta entry',
  documentation: 'a `data_cls` key without a `data_meta` entry (pyinfra raises `KeyError` when a host\'s data lacks it)',
  check: checkDataMeta,
};
