// The pyinfra-kit CLI as a process: what it leaves behind when it ends, how it streams a large
// inventory, how its deadlines end a connector that hangs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { countedInventory, exited, startCli } from '../../support/cliProcess';
import { runCli } from '../../support/cliRun';
import { CONNECTOR_FIXTURES } from '../../support/paths';
import { tempDir } from '../../support/tempDir';

describe('pyinfra-kit as a process', () => {
  it('exits as soon as its answer is printed, though the connector detached a daemon', async () => {
    const temp = tempDir('pck-daemon-');
    try {
      const cli = startCli(['inventory', `hangs.py:LeavesADaemon/${temp.dir}`], temp.dir);
      let stdout = '';
      cli.stdout!.on('data', (chunk) => (stdout += chunk));
      const { code, ms } = await exited(cli);
      assert.equal(code, 0);
      assert.match(stdout, /daemonised/);
      assert.ok(ms < 40_000, `took ${ms} ms`); // not the daemon's 60 s: room for a loaded machine
      const daemon = Number(fs.readFileSync(path.join(temp.dir, 'daemon.pid'), 'utf8'));
      process.kill(daemon, 'SIGKILL'); // the daemon itself is the connector's; it outlives the CLI by design
    } finally {
      temp.remove();
    }
  });

  it('text mode keeps no host once printed: 300,000 hosts list within a 32 MB heap', async () => {
    const temp = tempDir('pck-small-heap-');
    try {
      const listed = await countedInventory(['runaway.py:NamesOnly/300000', '--timeout', '600'], temp.dir, ['--max-old-space-size=32']);
      assert.deepEqual([listed.code, listed.stderr], [0, '']);
      assert.deepEqual([listed.last, listed.lines], ['runaway.py:NamesOnly/300000: 300000 hosts', 300_002]);
    } finally {
      temp.remove();
    }
  });
});

describe('pyinfra-kit inventory at scale', () => {
  it('lists 150,000 hosts (past the 130,000 where a spread overflowed the stack)', async () => {
    const temp = tempDir('pck-many-');
    try {
      const listed = await countedInventory(['runaway.py:ManyHosts/150000'], temp.dir);
      assert.deepEqual([listed.code, listed.stderr], [0, '']);
      assert.deepEqual([listed.first, listed.last, listed.lines], ['runaway.py:ManyHosts/150000:', 'runaway.py:ManyHosts/150000: 150000 hosts', 150_002]);
    } finally {
      temp.remove();
    }
  });

  it('prints the first hosts while make_names_data is still yielding, and says which changed after', async () => {
    const temp = tempDir('pck-stream-');
    try {
      const flag = path.join(temp.dir, 'printed');
      const cli = startCli(['inventory', `streams.py:WaitsForTheClient/${flag}`], temp.dir);
      const ended = exited(cli);
      let stdout = '';
      cli.stdout!.on('data', (chunk) => {
        stdout += chunk;
        // the connector is waiting for this file: it yields its last host once the first ones are printed
        if (stdout.includes('early-2')) fs.writeFileSync(flag, '');
      });
      assert.equal((await ended).code, 0);
      const target = `streams.py:WaitsForTheClient/${flag}`;
      assert.equal(stdout, `${target}:\n  early-0  [early]  index=0\n  early-1  [early]  index=1\n  early-2  [early]  index=2\n  late  saw_the_file=true\n${target}: 4 hosts\n`);
    } finally {
      temp.remove();
    }
    const changed = await runCli(['inventory', 'streams.py:ChangesAfterYielding'], CONNECTOR_FIXTURES);
    assert.equal(
      changed.stdout,
      'streams.py:ChangesAfterYielding:\n  web-1  [web]  role=web\n  db-1  [db]  role=db\n  cache-1  [cache]  role=cache\n' +
        'streams.py:ChangesAfterYielding: 2 hosts changed after make_names_data yielded them; pyinfra has:\n  web-1  [web]  role=cache\n  db-1  [db]  role=cache\n' +
        'streams.py:ChangesAfterYielding: 3 hosts\n',
    );
    const json = await runCli(['inventory', 'streams.py:ChangesAfterYielding', '--json'], CONNECTOR_FIXTURES);
    assert.deepEqual(JSON.parse(json.stdout).map((host: { data: { role: string } }) => host.data.role), ['cache', 'cache', 'cache']);
  });

  it('--max-hosts and a 600 MB value end with one line naming the connector', async () => {
    const endless = await runCli(['inventory', 'runaway.py:Endless', '--max-hosts', '1000'], CONNECTOR_FIXTURES);
    assert.equal(endless.code, 1);
    assert.equal(endless.stderr, 'pyinfra-kit inventory: runaway.py:Endless: make_names_data yielded more than 1,000 hosts, the limit (--max-hosts; setting pyinfraConnectors.maxHosts)\n');
    const huge = await runCli(['inventory', 'runaway.py:HugeValue', '--json'], CONNECTOR_FIXTURES);
    assert.equal(huge.code, 1);
    assert.deepEqual(huge.stderr.split('\n').filter(Boolean).map((line) => JSON.parse(line)), [
      { error: { kind: 'limit', message: "runaway.py:HugeValue: host 'huge' has 600 MB of data; a host may have at most 64 MB", target: 'runaway.py:HugeValue' } },
    ]);
    assert.equal(huge.stdout, '[]\n');
  });
});

describe('pyinfra-kit --timeout: a deadline on every call into connector code', () => {
  it('exec: a run_shell_command that never returns ends at --timeout, named', async () => {
    const { code, stderr } = await runCli(['exec', 'hangs.py:HangsInRun', '--timeout', '1', '--', 'true'], CONNECTOR_FIXTURES);
    assert.equal(code, 1);
    assert.equal(stderr, '[hang-host] error: run_shell_command of hangs.py:HangsInRun on hang-host did not finish within 2 s\n');
  });

  it('get: a get_file that never returns ends at --timeout and leaves no partial file', async () => {
    const dest = tempDir('pck-get-timeout-');
    try {
      const { code, stderr } = await runCli(['get', 'hangs.py:HangsInGet', '/x', path.join(dest.dir, 'copy'), '--timeout', '1'], CONNECTOR_FIXTURES);
      assert.equal(code, 1);
      assert.equal(stderr, '[hang-host] error: get_file of hangs.py:HangsInGet on hang-host did not finish within 1 s\n');
      assert.deepEqual(fs.readdirSync(dest.dir), []);
    } finally {
      dest.remove();
    }
  });
});
