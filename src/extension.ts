// Wires the features together and returns the API the integration tests use. Nothing else happens here.
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { restartOnSettingChange } from './features/config';
import { Ctx } from './features/ctx';
import { activateDebug, DebugFeature } from './features/debug';
import { activateEnvironment } from './features/environment';
import { activateExecution, ExecutionFeature } from './features/execution';
import { activateInventory, InventoryFeature } from './features/inventory';
import { activateLint, LintFeature } from './features/lint';
import { activateSshTerminal } from './features/ssh';
import { activateTesting, TestingFeature } from './features/testing';

export interface ExtensionApi {
  ctx: Ctx;
  lint: LintFeature;
  inventory: InventoryFeature;
  execution: ExecutionFeature;
  debug: DebugFeature;
  testing: TestingFeature;
  /** Time spent in activate(), for bench/budgets. */
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('pyinfra Connector Kit', { log: true });
  const ctx = new Ctx(context, log);
  context.subscriptions.push(log, ctx);
  activateEnvironment(ctx);
  const lint = activateLint(context, log, ctx.config);
  stopLint = lint.stop;
  context.subscriptions.push(restartOnSettingChange(ctx.config, { bridge: (reason) => ctx.restartBridgeSoon(reason), server: () => lint.restart() }));
  const inventory = activateInventory(ctx, lint);
  const execution = activateExecution(ctx, inventory);
  activateSshTerminal(ctx, inventory);
  // before debug: its "Test" CodeLens shows once the conformance command exists
  const testing = activateTesting(ctx, inventory);
  const debug = activateDebug(ctx, inventory, lint);
  const activationMs = performance.now() - started;
  log.info(`pyinfra Connector Kit ${context.extension.packageJSON.version} active in ${activationMs.toFixed(1)} ms; workspace ${vscode.workspace.isTrusted ? 'trusted' : 'in Restricted Mode'}`);
  return { ctx, lint, inventory, execution, debug, testing, activationMs };
}

let stopLint: (() => Promise<void>) | undefined;

/** VS Code waits for the returned promise: the language server has exited when it settles. */
export function deactivate(): Promise<void> | undefined {
  return stopLint?.();
}
