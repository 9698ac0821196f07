// PCK010 (a host data key close to, but not, one of the connector's data keys) and PCK011 (a literal value whose
// type cannot satisfy the key's annotation: pyinfra's host_to_connector_data raises ConnectorDataTypeError when it
// instantiates the connector, or @ssh's for an inventory-only connector's hosts).
import { isOverload } from '../connectorFacts';
import { dataSchema, DataSchema } from '../dataSchema';
import { LiteralKind } from '../moduleSummary';
import { Rule, RuleContext } from './ruleContext';

function distance(a: string, b: string): number {
  // optimal string alignment: insertions, deletions, substitutions, adjacent swaps
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The schema key a typed key most likely meant: different case, or one or two edits away. */
export function nearMiss(key: string, keys: Iterable<string>): string | undefined {
  let best: { key: string; distance: number } | undefined;
  const allowed = key.length >= 8 ? 2 : 1;
  for (const candidate of keys) {
    const found = candidate.toLowerCase() === key.toLowerCase() ? 0 : distance(key, candidate);
    if (found <= allowed && (!best || found < best.distance)) best = { key: candidate, distance: found };
  }
  return best?.key;
}

const SIMPLE: Record<string, LiteralKind[]> = {
  str: ['str'], int: ['int', 'bool'], float: ['float', 'int', 'bool'], bool: ['bool'], None: ['None'],
  dict: ['dict'], list: ['list'], tuple: ['tuple'], set: ['set'],
};

/** The members of a union annotation (`int | None`, `Optional[int]`, `Union[int, str]`), without typing. prefixes. */
function unionMembers(type: string): string[] {
  const text = type.replace(/\s+/g, '').replace(/\b(?:typing|typing_extensions|builtins)\./g, '');
  const optional = /^Optional\[(.*)\]$/.exec(text);
  if (optional) return [...unionMembers(optional[1]), 'None'];
  const union = /^Union\[(.*)\]$/.exec(text);
  const parts = union ? union[1].split(',') : text.split('|');
  // dict[str, int], List[str]: only the container is checked
  return parts.map((part) => part.replace(/\[.*$/, '').replace(/^(Dict|List|Tuple|Set)$/, (name) => name.toLowerCase()));
}

/** false only when no value of this literal kind can satisfy the annotation; unknown annotations accept anything. */
export function literalSatisfies(type: string, kind: LiteralKind): boolean {
  const members = unionMembers(type);
  if (members.some((member) => !(member in SIMPLE))) return true;
  return members.some((member) => SIMPLE[member].includes(kind));
}

function whose(schema: DataSchema, className: string): string {
  return schema.source === 'ssh' ? `@ssh (which pyinfra uses for the hosts of the inventory-only ${className})` : `${className}'s data_cls`;
}

function checkHostData(context: RuleContext): void {
  for (const facts of context.connectors) {
    const method = facts.cls.methods.find((m) => m.name === 'make_names_data' && !isOverload(m.decorators));
    if (!method?.hostData?.length) continue;
    const schema = dataSchema(context.facts, facts);
    if (!schema) continue;
    const { cls, file } = facts;
    for (const entry of method.hostData.flatMap((dict) => dict.entries)) {
      const doc = schema.keys.get(entry.key);
      if (!doc) {
        const suggestion = nearMiss(entry.key, schema.keys.keys());
        if (!suggestion) continue;
        context.report({
          file, range: entry.keyRange, code: 'PCK010', data: { key: entry.key, suggestion },
          message: `host data key '${entry.key}' is not a key of ${whose(schema, cls.name)}; did you mean '${suggestion}'? `
            + `pyinfra ignores '${entry.key}', so ${suggestion} keeps its default`,
        });
        continue;
      }
      if (!doc.type || !entry.value || literalSatisfies(doc.type, entry.value)) continue;
      const instantiated = schema.source === 'ssh' ? `@ssh's connector for ${cls.name}'s hosts` : cls.name;
      context.report({
        file, range: entry.valueRange, code: 'PCK011',
        message: `host data '${entry.key}' is ${entry.valueText} (${entry.value}), but ${whose(schema, cls.name)} declares ${entry.key}: ${doc.type}: `
          + `pyinfra will fail with ConnectorDataTypeError when it instantiates ${instantiated}`,
      });
    }
  }
}

export const PCK010: Rule = {
  code: 'PCK010',
  severity: 'warning',
  title: 'host data key close to one of the connector\'s data keys',
  documentation: 'a key of a host data dict literal yielded by `make_names_data` that is not in the connector\'s `data_cls` '
    + '(`@ssh`\'s keys for an inventory-only connector) but close to one (`ssh_usr`: did you mean `ssh_user`?)',
  fixDocumentation: 'replace it with the key it is close to',
  check: checkHostData,
  fix({ diagnostic }) {
    const suggestion = diagnostic.data?.suggestion;
    return suggestion ? [{
      title: `Replace '${diagnostic.data?.key}' with '${suggestion}'`, code: 'PCK010', isPreferred: true,
      edits: [{ file: diagnostic.file, range: diagnostic.range, newText: suggestion }],
    }] : [];
  },
};

export const PCK011: Rule = {
  code: 'PCK011',
  severity: 'error',
  title: 'host data literal whose type cannot satisfy the data_cls annotation',
  documentation: 'a literal host data value whose type cannot satisfy the key\'s `data_cls` annotation (`"ssh_port": "22"` where '
    + '`ssh_port: int`): pyinfra raises `ConnectorDataTypeError` when it instantiates the connector (`@ssh` for an inventory-only one)',
  check: checkHostData,
};
