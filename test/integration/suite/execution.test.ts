import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HostRunResult } from '../../../src/core/bridge/protocol';
import { rememberedRemotePaths } from '../../../src/features/execution/transfer';
import { activateExtension, connectorNamed, hostsBelow, logText, waitFor } from './helpers';

/** This machine's processes whose command line holds the marker. */
function processesWith(marker: string): string[] {
  const listed = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return listed.split('\n').filter((line) => line.includes(marker) && !line.includes('ps -eo'));
}

suite('Execution', function () {
  this.timeout(120000);

  test('runs a command on a group: every host in parallel, output kept apart per host', async () => {
    const api = await activateExtension();
    const demo = await connectorNamed(api, 'DemoConnector');
    const web = (await api.inventory.provider.getChildren(demo)).find((n) => n.kind === 'group' && n.group.name === 'web');
    assert.ok(web, 'group web');
    const results = (await vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', web, undefined, { command: 'echo out-$((6*7)); echo err-line >&2' })) as HostRunResult[];
    assert.deepStrictEqual(results.map((r) => r.host).sort(), ['web-1', 'web-2']);
    for (const result of results) {
      assert.strictEqual(result.success, true, JSON.stringify(result));
      assert.match(result.stdout, /out-42/);
      assert.match(result.stderr, /err-line/);
    }
    assert.strictEqual(api.execution.lastRun()?.command, 'echo out-$((6*7)); echo err-line >&2');
  });

  test('a failing command is reported as failed', async () => {
    const api = await activateExtension();
    const [host] = (await hostsBelow(api, await connectorNamed(api, '@local')));
    const results = (await vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', host, undefined, { command: 'exit 3' })) as HostRunResult[];
    assert.strictEqual(results.length, 1);
    assert.strictEqual(results[0].success, false);
  });

  test('uploads and downloads a binary file byte for byte, and a failed download leaves no file', async () => {
    const api = await activateExtension();
    const host = (await hostsBelow(api, await connectorNamed(api, 'DemoConnector'))).find((n) => n.kind === 'host' && n.host.name === 'web-2');
    assert.ok(host);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pck-transfer-'));
    const source = path.join(dir, 'source.bin');
    fs.writeFileSync(source, crypto.randomBytes(256 * 1024));
    const remote = path.join(dir, 'remote.bin');
    const back = path.join(dir, 'back.bin');
    const uploaded = (await vscode.commands.executeCommand('pyinfraConnectors.uploadFile', host, undefined, { localPath: source, remotePath: remote })) as HostRunResult[];
    assert.ok(uploaded?.every((r) => r.success), JSON.stringify(uploaded));
    const downloaded = (await vscode.commands.executeCommand('pyinfraConnectors.downloadFile', host, undefined, { remotePath: remote, localPath: back })) as HostRunResult[];
    assert.ok(downloaded?.every((r) => r.success), JSON.stringify(downloaded));
    assert.ok(fs.readFileSync(back).equals(fs.readFileSync(source)), 'round trip is byte for byte');

    const missing = path.join(dir, 'missing-copy.bin');
    const failed = (await vscode.commands.executeCommand('pyinfraConnectors.downloadFile', host, undefined, { remotePath: path.join(dir, 'does-not-exist'), localPath: missing })) as HostRunResult[] | undefined;
    assert.ok(!failed || failed.some((r) => !r.success), 'the download failed');
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['back.bin', 'remote.bin', 'source.bin'], 'no partial or temporary file is left');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a download into a missing folder creates it; the remote paths are remembered; a failed upload is logged', async () => {
    const api = await activateExtension();
    const host = (await hostsBelow(api, await connectorNamed(api, 'DemoConnector'))).find((n) => n.kind === 'host' && n.host.name === 'web-1');
    assert.ok(host && host.kind === 'host');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pck-folders-'));
    const source = path.join(dir, 'source.txt');
    fs.writeFileSync(source, 'content');
    const into = path.join(dir, 'new', 'deeper', 'copy.txt');
    const downloaded = (await vscode.commands.executeCommand('pyinfraConnectors.downloadFile', host, undefined, { remotePath: source, localPath: into })) as HostRunResult[];
    assert.ok(downloaded?.every((r) => r.success), JSON.stringify(downloaded));
    assert.strictEqual(fs.readFileSync(into, 'utf8'), 'content');
    const failedInto = path.join(dir, 'other', 'copy.txt');
    await vscode.commands.executeCommand('pyinfraConnectors.downloadFile', host, undefined, { remotePath: path.join(dir, 'does-not-exist'), localPath: failedInto });
    assert.strictEqual(fs.existsSync(path.join(dir, 'other')), false, 'a failed download removes the folder it created');

    const remote = path.join(dir, 'no-such-folder', 'up.txt');
    const uploaded = (await vscode.commands.executeCommand('pyinfraConnectors.uploadFile', host, undefined, { localPath: source, remotePath: remote })) as HostRunResult[];
    assert.ok(uploaded.some((r) => !r.success), 'the upload into a missing remote folder failed');
    const paths = rememberedRemotePaths(api.ctx, api.inventory.model.targetOf(host.source));
    assert.deepStrictEqual(paths, { download: path.join(dir, 'does-not-exist'), upload: remote });
    await waitFor('the failed upload in the log', () => {
      const log = logText(api);
      return log.includes(`Upload ${source} to ${remote} on web-1 failed on 1 of 1 hosts`) && log.includes(`Download ${source} from web-1 to ${into}`) ? true : undefined;
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('closing the run terminal cancels the run', async () => {
    const api = await activateExtension();
    const [host] = await hostsBelow(api, await connectorNamed(api, '@local'));
    // far longer than the test, and recognisable in `ps` (@local runs it here): only the cancel can end it,
    // and it is seen stopped however slow the machine (a fixed wait past a short sleep was not)
    const sleeper = `sleep 84${process.pid % 1000}.1`;
    const running = vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', host, undefined, { command: `${sleeper} && echo finished` }) as Thenable<HostRunResult[]>;
    // the command is running on the host once the bridge has planned it
    await waitFor('the run to start', () => (api.execution.runs.running.some((run) => run.planned.length > 0) ? true : undefined));
    const terminal = api.execution.runs.terminalOf([host.kind === 'host' ? api.inventory.model.targetOf(host.source) : '']);
    assert.ok(terminal, "the @local target's run terminal");
    terminal.dispose();
    const results = await running; // the command never ends by itself: the run ended when the terminal closed
    assert.deepStrictEqual(results, [], 'a cancelled run has no results');
    await waitFor('the command stopped on the host', () => (processesWith(sleeper).length === 0 ? true : undefined), 20000);
  });
});
