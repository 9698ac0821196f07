import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostDataSchema } from '../../../src/core/inventory/hostDataSchema';
import type { ConnectorSource } from '../../../src/core/inventory/sources';

const workspace: ConnectorSource = {
  id: 'workspace:c.py:Cloud', label: 'Cloud', target: 'c.py:Cloud', kind: 'workspace', file: '/ws/c.py', handlesExecution: true,
};
const installed = (handlesExecution: boolean | null): ConnectorSource => ({ id: 'installed:@x', label: '@x', target: '@x', kind: 'installed', handlesExecution });

describe('hostDataSchema', () => {
  it("asks for a workspace class's keys by its file and class name", async () => {
    const asked: string[] = [];
    const schema = await hostDataSchema(workspace, async (file, className) => {
      asked.push(`${file}:${className}`);
      return { source: 'data_cls', keys: { region: { type: 'str', description: 'Region', default: '"eu"' } } };
    });
    assert.deepEqual(asked, ['/ws/c.py:Cloud']);
    assert.equal(schema?.source, 'data_cls');
    assert.deepEqual(schema?.keys.get('region'), { type: 'str', description: 'Region', default: '"eu"' });
  });

  it('has no schema when the server knows none', async () => {
    assert.equal(await hostDataSchema(workspace, async () => null), undefined);
  });

  it("gives an installed inventory-only connector's hosts @ssh's keys, and nothing for the others", async () => {
    const never = async () => assert.fail('only workspace classes are asked');
    const ssh = await hostDataSchema(installed(false), never);
    assert.equal(ssh?.source, 'ssh');
    assert.equal(ssh?.keys.get('ssh_user')?.description, 'SSH user');
    assert.equal(await hostDataSchema(installed(true), never), undefined);
    assert.equal(await hostDataSchema(installed(null), never), undefined);
  });
});
