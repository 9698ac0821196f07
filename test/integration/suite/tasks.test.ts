// `pyinfra-connector` tasks: the exit code is the command's, the run options are task properties, and the provider
// offers the last command on each connector target.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, connectorNamed, hostsBelow, taskExitCode, taskNamed, waitFor } from './helpers';

suite('Tasks', function () {
  this.timeout(120000);

  test('a pyinfra-connector task from tasks.json runs through the connector', async () => {
    await activateExtension();
    assert.strictEqual(await taskExitCode(await taskNamed('uptime on the demo web hosts')), 0);
  });

  test('a task whose command exits 3 ends with 3; a missing target file ends it with 1 and says why', async () => {
    const api = await activateExtension();
    assert.strictEqual(await taskExitCode(await taskNamed('a command that exits 3')), 3);
    assert.strictEqual(api.execution.recentRuns()[0].outcome.results[0].exitCode, 3);
    assert.strictEqual(await taskExitCode(await taskNamed('a target whose file is missing')), 1);
    const [record] = api.execution.recentRuns();
    assert.match(record.outcome.failure ?? '', /Run failed: .*missing\.py/);
  });

  test('run options from tasks.json reach the command: env with a space, working directory', async () => {
    const api = await activateExtension();
    assert.strictEqual(await taskExitCode(await taskNamed('run options from tasks.json')), 0);
    const [record] = api.execution.recentRuns();
    assert.deepStrictEqual(record.outcome.results[0].stdout.split('\n'), ['greeting: hi there', '/tmp']);
  });

  test('the schema describes every run option, and the provider offers the last command on each connector target', async () => {
    const api = await activateExtension();
    const definition = vscode.extensions.getExtension('pyinfra-kit.pyinfra-connector-kit')?.packageJSON.contributes.taskDefinitions[0];
    for (const option of ['target', 'command', 'sudo', 'sudoUser', 'env', 'cwd', 'timeout']) {
      assert.ok(definition.properties[option]?.description, `the task property ${option} has a description`);
    }
    const [host] = await hostsBelow(api, await connectorNamed(api, '@local'));
    await vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', host, undefined, { command: 'echo provided-task' });
    const provided = await waitFor('the provided tasks', async () => {
      const tasks = (await vscode.tasks.fetchTasks({ type: 'pyinfra-connector' })).filter((t) => t.name.startsWith('echo provided-task on '));
      return tasks.length > 0 ? tasks : undefined;
    });
    const targets = provided.map((t) => t.definition.target).sort();
    assert.ok(targets.includes('@local'), `@local among ${targets.join(', ')}`);
    assert.ok(targets.some((t) => /demo\.py:DemoConnector$/.test(t)), `DemoConnector among ${targets.join(', ')}`);
    const localTask = provided.find((t) => t.definition.target === '@local');
    assert.ok(localTask);
    assert.strictEqual(await taskExitCode(localTask), 0);
  });
});
