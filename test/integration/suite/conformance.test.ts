import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DoctorReport } from '../../../src/core/doctor/doctor';
import type { ConformanceRun } from '../../../src/features/testing';
import { activateExtension, connectorNamed, hostsBelow, logText, waitFor } from './helpers';

// the corpus of broken connectors, in the repository the extension runs from (out/test/integration/suite)
const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'conformance');

suite('Conformance tests (Test Explorer)', function () {
  this.timeout(240000);

  test('the controller has an item per connector target of the inventory, with check groups and checks', async () => {
    const api = await activateExtension();
    await connectorNamed(api, 'DemoConnector');
    const controller = api.testing.controller;
    const demo = await waitFor('the DemoConnector test item', () => controller.items.get('conformance:connectors/demo.py:DemoConnector'));
    assert.ok(controller.items.get('conformance:@local'), 'an item for @local');
    await controller.resolveHandler?.(demo);
    const groups: string[] = [];
    demo.children.forEach((group) => groups.push(group.label));
    assert.deepStrictEqual(groups, ['inventory', 'connect', 'run', 'put', 'get', 'fact', 'op']);
    const run = demo.children.get(`${demo.id}#run`);
    assert.ok(run?.children.get(`${demo.id}#run.stderr`), 'run.stderr below the run group');
  });

  test('a broken connector: its check fails with an expected/actual diff, the others pass, sudo is skipped, every result in the log', async () => {
    const api = await activateExtension();
    const target = `${path.join(CORPUS, 'merged_stderr.py')}:MergedStderrConnector`;
    assert.ok(fs.existsSync(path.join(CORPUS, 'merged_stderr.py')), CORPUS);
    const run = (await vscode.commands.executeCommand('pyinfraConnectors.runConformanceTests', target)) as ConformanceRun;
    const id = (check: string) => `conformance:${target}#${check}`;
    assert.strictEqual(run.states[id('run.stderr')], 'failed', JSON.stringify(run.states));
    for (const check of ['run.stdout', 'put.file', 'get.missing', 'fact.files.File', 'op.idempotent']) assert.strictEqual(run.states[id(check)], 'passed', check);
    assert.strictEqual(run.states[id('run.sudo')], 'skipped');
    const failure = run.results.find((result) => result.check === 'run.stderr');
    assert.deepStrictEqual([failure?.expected, failure?.actual], [['to-stderr'], []]);
    // the TestMessages the controller handed to TestRun.failed: the Test Explorer's text and diff
    const [message, ...others] = run.messages[id('run.stderr')] ?? [];
    assert.deepStrictEqual(others, []);
    assert.ok(message instanceof vscode.TestMessage, 'a TestMessage for run.stderr');
    assert.deepStrictEqual([message.message, message.expectedOutput, message.actualOutput], ["good-local: stderr: expected ['to-stderr'], got []", '[\n  "to-stderr"\n]', '[]']);
    assert.strictEqual(run.messages[id('run.stdout')], undefined, 'a pass has no message');
    const line = (host: string | null, check: string, status: string) => `[conformance] ${target} ${host ?? '(target)'} ${check}: ${status}`;
    const log = await waitFor('the results in the log', () => (logText(api).includes(line('good-local', 'op.idempotent', 'pass')) ? logText(api) : undefined));
    assert.ok(log.includes(line('good-local', 'run.stderr', "fail stderr: expected ['to-stderr'], got []")), log);
    assert.ok(log.includes(line('good-local', 'run.sudo', 'skip the host has no password-less sudo')));
    assert.deepStrictEqual(run.results.filter((result) => !log.includes(line(result.host, result.check, result.status))), [], 'a line per check and host');
  });

  test('Run Conformance Tests on a host in the tree runs that host only', async () => {
    const api = await activateExtension();
    const web2 = (await hostsBelow(api, await connectorNamed(api, 'DemoConnector'))).find((node) => node.kind === 'host' && node.host.name === 'web-2');
    assert.ok(web2);
    const run = (await vscode.commands.executeCommand('pyinfraConnectors.runConformanceTests', web2)) as ConformanceRun;
    assert.strictEqual(run.target, 'connectors/demo.py:DemoConnector');
    assert.deepStrictEqual([...new Set(run.results.map((result) => result.host))], [null, 'web-2']);
    assert.strictEqual(run.states['conformance:connectors/demo.py:DemoConnector#run.env'], 'passed');
    assert.strictEqual(run.states['conformance:connectors/demo.py:DemoConnector#op.files.line'], 'passed');
  });

  test('Run Conformance Tests on a connector in the tree runs its whole target; the tree\'s menu and the palette offer it', async () => {
    const api = await activateExtension();
    const run = (await vscode.commands.executeCommand('pyinfraConnectors.runConformanceTests', await connectorNamed(api, '@local'))) as ConformanceRun;
    assert.strictEqual(run.target, '@local');
    assert.deepStrictEqual(run.results.filter((result) => result.status === 'fail' || result.status === 'error'), []);
    assert.strictEqual(run.states['conformance:@local#op.idempotent'], 'passed');
    const menus = api.ctx.extension.extension.packageJSON.contributes.menus as Record<string, { command: string; when?: string }[]>;
    const treeMenu = menus['view/item/context'].find((entry) => entry.command === 'pyinfraConnectors.runConformanceTests');
    assert.match(treeMenu?.when ?? '', /view == pyinfraConnectors\.inventory && viewItem =~ \/\^\(host\|connector\)/);
    assert.deepStrictEqual(menus.commandPalette.find((entry) => entry.command === 'pyinfraConnectors.runConformanceTests'), { command: 'pyinfraConnectors.runConformanceTests', when: 'isWorkspaceTrusted' });
  });

  test('Check Interpreter runs the doctor\'s checks on the workspace interpreter', async () => {
    await activateExtension();
    const report = (await vscode.commands.executeCommand('pyinfraConnectors.checkInterpreter')) as DoctorReport;
    assert.match(report.packages.find((item) => item.name === 'pyinfra')?.version ?? '', /^3\./);
    assert.ok(report.connectors.some((connector) => connector.name === 'local' && connector.handlesExecution === true));
    assert.deepStrictEqual(report.problems, []);
  });

  test('cancelling a run stops its checks and removes what the suite wrote on the host', async () => {
    const api = await activateExtension();
    const target = `${path.join(CORPUS, 'no_timeout.py')}:NoTimeoutConnector`;
    const scratch = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('pyinfra-kit-conformance.'));
    const before = new Set(scratch());
    const item = api.testing.targetItem(target);
    const cancel = new vscode.CancellationTokenSource();
    const running = api.testing.profile.runHandler(new vscode.TestRunRequest([item], undefined, api.testing.profile), cancel.token);
    await waitFor('the suite\'s scratch folder', () => (scratch().some((name) => !before.has(name)) ? true : undefined), 60000);
    cancel.cancel();
    await running;
    const run = api.testing.lastRun();
    assert.strictEqual(run?.target, target);
    assert.ok(Object.values(run.states).every((state) => state === 'errored'), JSON.stringify(run.states));
    await waitFor('the scratch folder removed', () => (scratch().every((name) => before.has(name)) ? true : undefined), 10000);
  });
});
