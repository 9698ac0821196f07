// SLOW (about 30 s on a quiet 2-core machine, 120 s at a load of 10): `pyinfra-kit inventory` of
// 1,000,000 hosts, the default --max-hosts. In a file of its own so that it has the test runner's
// per-file time to itself; skipped, saying so, when the machine is too busy to finish it in that time.
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { describe, it } from 'node:test';
import { countedInventory } from '../../support/cliProcess';
import { tempDir } from '../../support/tempDir';

// past this load average (per core) the million would not end within the runner's 120 s
const BUSIEST_LOAD_PER_CORE = 2.5;
const load = os.loadavg()[0] / os.cpus().length;

describe('pyinfra-kit inventory of a million hosts (slow)', () => {
  it('lists 1,000,000 hosts, streamed, ending with their count', { skip: load > BUSIEST_LOAD_PER_CORE ? `the machine is too busy (load ${load.toFixed(1)} per core)` : false }, async () => {
    const temp = tempDir('pck-million-');
    try {
      // --timeout: make_names_data's own time for a million hosts, on a busy machine
      const listed = await countedInventory(['runaway.py:NamesOnly/1000000', '--timeout', '600'], temp.dir);
      assert.deepEqual([listed.code, listed.stderr], [0, '']);
      assert.deepEqual([listed.first, listed.last, listed.lines], ['runaway.py:NamesOnly/1000000:', 'runaway.py:NamesOnly/1000000: 1000000 hosts', 1_000_002]);
    } finally {
      temp.remove();
    }
  });
});
