// Shipping budgets measured in the extension host of a real VS Code: the time spent in activate()
// (the extension's own figure) and the size of what it loads. Figures go to PCK_BENCH_FILE as JSON;
// bench/budgets/run.sh prints them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from '../suite/helpers';

suite('activation budget', () => {
  test('activate() and the bundle it loads', async () => {
    const api = await activateExtension();
    assert.ok(api.activationMs > 0);
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const figures = { activationMs: api.activationMs, extensionJsBytes: fs.statSync(`${extension.extensionPath}/dist/extension.js`).size };
    if (process.env.PCK_BENCH_FILE) fs.writeFileSync(process.env.PCK_BENCH_FILE, JSON.stringify(figures, null, 2));
  });
});
