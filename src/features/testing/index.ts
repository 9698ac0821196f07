// The Test Explorer's "pyinfra connector conformance": an item per connector target of the
// inventory, children per check group and check (from the suite's own catalogue), run and cancel
// through the bridge, failures with an expected/actual diff, every result in the log. The command
// pyinfraConnectors.runConformanceTests(target | tree node, host?) runs it from the tree, the
// palette and the debug CodeLens.
import * as vscode from 'vscode';
import type { CheckInfo, CheckResult } from '../../core/conformance/results';
import { onlyGlobs, outcomesByCheck, problemMessage, resultLine, type CheckOutcome } from '../../core/conformance/outcomes';
import type { InventoryModel } from '../../core/inventory/model';
import type { Ctx } from '../ctx';
import type { InventoryFeature } from '../inventory';
import type { InventoryNode } from '../inventory/nodes';
import { pickConnector } from '../inventory/pickers';

export type ItemState = 'passed' | 'failed' | 'errored' | 'skipped' | 'started';

export interface ConformanceRun {
  target: string;
  results: CheckResult[];
  /** Test item id -> the state the run reported for it. */
  states: Record<string, ItemState>;
  /** Test item id -> the messages the run reported with a failure or error, as the Test Explorer got them. */
  messages: Record<string, vscode.TestMessage[]>;
}

export interface TestingFeature {
  controller: vscode.TestController;
  profile: vscode.TestRunProfile;
  /** The item of a target, made when the inventory does not list it (a CodeLens, a test). */
  targetItem(target: string): vscode.TestItem;
  lastRun(): ConformanceRun | undefined;
}

const TARGET_PREFIX = 'conformance:';

interface ItemMeta {
  target: string;
  group?: string;
  check?: string;
}

class ConformanceTests {
  readonly controller = vscode.tests.createTestController('pyinfraConnectors.conformance', 'pyinfra connector conformance');
  private readonly meta = new WeakMap<vscode.TestItem, ItemMeta>();
  private catalogue: Promise<CheckInfo[]> | undefined;
  private latest: ConformanceRun | undefined;
  /** Host names a command run is narrowed to, by target. */
  private hostFilter = new Map<string, string[]>();
  readonly profile: vscode.TestRunProfile;

  constructor(
    private readonly ctx: Ctx,
    private readonly model: InventoryModel,
  ) {
    this.controller.resolveHandler = async (item) => (item ? this.addChecks(item) : this.syncTargets());
    this.controller.refreshHandler = async () => {
      this.catalogue = undefined;
      await this.syncTargets();
    };
    this.profile = this.controller.createRunProfile('Run conformance tests', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
  }

  lastRun(): ConformanceRun | undefined {
    return this.latest;
  }

  forgetCatalogue(): void {
    this.catalogue = undefined;
  }

  private checks(): Promise<CheckInfo[]> {
    this.catalogue ??= this.ctx.bridge().then((bridge) => bridge.conformanceChecks());
    this.catalogue.catch(() => (this.catalogue = undefined));
    return this.catalogue;
  }

  targetItem(target: string, label = target): vscode.TestItem {
    const id = `${TARGET_PREFIX}${target}`;
    let item = this.controller.items.get(id);
    if (!item) {
      item = this.controller.createTestItem(id, label);
      item.description = label === target ? undefined : target;
      item.canResolveChildren = true;
      this.meta.set(item, { target });
      this.controller.items.add(item);
    }
    return item;
  }

  /** One item per connector target of the inventory; items of targets gone from it go too. */
  async syncTargets(): Promise<void> {
    if (!this.ctx.isTrusted) return;
    const sources = await this.model.listSources();
    const wanted = new Set(sources.map((source) => `${TARGET_PREFIX}${this.model.targetOf(source)}`));
    this.controller.items.forEach((item) => {
      if (!wanted.has(item.id)) this.controller.items.delete(item.id);
    });
    for (const source of sources) this.targetItem(this.model.targetOf(source), source.label);
  }

  private async addChecks(item: vscode.TestItem): Promise<void> {
    const meta = this.meta.get(item);
    if (!meta || meta.group || meta.check || item.children.size > 0) return;
    try {
      const checks = await this.checks();
      // sortText keeps the suite's own order (what a connector's behaviour builds on) over the alphabet
      const order = (index: number) => String(index).padStart(3, '0');
      for (const [groupIndex, group] of [...new Set(checks.map((check) => check.group))].entries()) {
        const groupItem = this.controller.createTestItem(`${item.id}#${group}`, group);
        groupItem.sortText = order(groupIndex);
        this.meta.set(groupItem, { target: meta.target, group });
        for (const [checkIndex, check] of checks.filter((entry) => entry.group === group).entries()) {
          const checkItem = this.controller.createTestItem(`${item.id}#${check.id}`, check.id.slice(group.length + 1));
          checkItem.sortText = order(checkIndex);
          checkItem.description = check.summary;
          this.meta.set(checkItem, { target: meta.target, group, check: check.id });
          groupItem.children.add(checkItem);
        }
        item.children.add(groupItem);
      }
      item.error = undefined;
    } catch (error) {
      item.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** The check items below an item (itself when it is one). */
  private leaves(item: vscode.TestItem): vscode.TestItem[] {
    if (item.children.size === 0) return this.meta.get(item)?.check ? [item] : [];
    const leaves: vscode.TestItem[] = [];
    item.children.forEach((child) => leaves.push(...this.leaves(child)));
    return leaves;
  }

  private rootOf(item: vscode.TestItem): vscode.TestItem {
    let root = item;
    while (root.parent) root = root.parent;
    return root;
  }

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const included: vscode.TestItem[] = [];
    if (request.include) included.push(...request.include);
    else this.controller.items.forEach((item) => included.push(item));
    const byTarget = new Map<vscode.TestItem, vscode.TestItem[]>();
    for (const item of included) byTarget.set(this.rootOf(item), [...(byTarget.get(this.rootOf(item)) ?? []), item]);
    const run = this.controller.createTestRun(request);
    const aborted = new AbortController();
    const cancelling = token.onCancellationRequested(() => aborted.abort());
    try {
      for (const [root, selection] of byTarget) {
        if (token.isCancellationRequested) break;
        await this.addChecks(root);
        await this.runTarget(run, root, selection, aborted.signal);
      }
    } finally {
      cancelling.dispose();
      run.end();
    }
  }

  private async runTarget(run: vscode.TestRun, root: vscode.TestItem, selection: vscode.TestItem[], signal: AbortSignal): Promise<void> {
    const { target } = this.meta.get(root)!;
    const states: Record<string, ItemState> = {};
    const messages: Record<string, vscode.TestMessage[]> = {};
    const report = (item: vscode.TestItem, state: ItemState, outcome?: CheckOutcome) => {
      states[item.id] = state;
      if (state === 'started') run.started(item);
      else if (state === 'passed') run.passed(item, outcome?.durationMs);
      else if (state === 'skipped') run.skipped(item);
      else if (outcome) {
        messages[item.id] = outcome.problems.map((problem) => this.message(item, problem));
        (state === 'failed' ? run.failed : run.errored).call(run, item, messages[item.id], outcome.durationMs);
      }
    };
    const leaves = [...new Set(selection.flatMap((item) => this.leaves(item)))];
    leaves.forEach((leaf) => report(leaf, 'started'));
    const hosts = this.hostFilter.get(target);
    this.hostFilter.delete(target);
    this.latest = { target, results: [], states, messages };
    let results: CheckResult[];
    try {
      const bridge = await this.ctx.bridge();
      results = await bridge.test(target, { only: onlyGlobs(selection.map((item) => this.meta.get(item)!)), hosts, signal });
    } catch (error) {
      const message = new vscode.TestMessage(error instanceof Error ? error.message : String(error));
      for (const leaf of leaves) {
        states[leaf.id] = 'errored';
        messages[leaf.id] = [message];
        run.errored(leaf, message);
      }
      this.ctx.log.error(`Conformance tests of ${target}: ${message.message}`);
      return;
    }
    this.latest.results = results;
    run.appendOutput(`${target}\r\n`);
    this.ctx.log.info(`Conformance tests of ${target}${hosts ? ` (${hosts.join(', ')})` : ''}: ${results.length} results`);
    for (const result of results) {
      run.appendOutput(`  ${resultLine(result)}\r\n`);
      (result.status === 'fail' || result.status === 'error' ? this.ctx.log.warn : this.ctx.log.info).call(this.ctx.log, `[conformance] ${target} ${resultLine(result)}`);
    }
    const outcomes = outcomesByCheck(results);
    const stateOf = { pass: 'passed', fail: 'failed', error: 'errored', skip: 'skipped' } as const;
    for (const leaf of leaves) {
      const outcome = outcomes.get(this.meta.get(leaf)!.check!);
      report(leaf, outcome ? stateOf[outcome.status] : 'skipped', outcome);
    }
  }

  private message(item: vscode.TestItem, problem: CheckResult): vscode.TestMessage {
    const parts = problemMessage(problem);
    const message = parts.expectedOutput !== undefined && parts.actualOutput !== undefined
      ? vscode.TestMessage.diff(parts.message, parts.expectedOutput, parts.actualOutput)
      : new vscode.TestMessage(parts.message);
    if (item.uri) message.location = new vscode.Location(item.uri, new vscode.Position(0, 0));
    return message;
  }

  /** Runs one target (narrowed to one host when given) as if its item were run in the Test Explorer. */
  async runCommand(target: string, host?: string): Promise<ConformanceRun | undefined> {
    const item = this.targetItem(target);
    if (host) this.hostFilter.set(target, [host]);
    const cancel = new vscode.CancellationTokenSource();
    try {
      await this.run(new vscode.TestRunRequest([item], undefined, this.profile), cancel.token);
    } finally {
      cancel.dispose();
    }
    return this.latest;
  }
}

/**
 * A target spec and host from what the command was given: a spec and an optional host name, a tree
 * node, a connector class as the CodeLens names it (its file and class name), or nothing (a picker).
 */
async function chosenTarget(model: InventoryModel, arg: string | InventoryNode | undefined, second?: string): Promise<{ target: string; host?: string } | undefined> {
  if (typeof arg === 'string' && arg.endsWith('.py') && second) {
    const source = (await model.listSources()).find((candidate) => candidate.file === arg && candidate.label === second);
    if (source) return { target: model.targetOf(source) };
  }
  if (typeof arg === 'string') return { target: arg, host: second };
  if (arg && 'source' in arg) return { target: model.targetOf(arg.source), host: arg.kind === 'host' ? arg.host.name : second };
  const source = await pickConnector(model);
  return source && { target: model.targetOf(source) };
}

export function activateTesting(ctx: Ctx, inventory: InventoryFeature): TestingFeature {
  const tests = new ConformanceTests(ctx, inventory.model);
  ctx.extension.subscriptions.push(
    tests.controller,
    inventory.model.onDidChange((change) => change.kind !== 'answer' && void tests.syncTargets()),
    ctx.onDidChangeBridge(() => tests.forgetCatalogue()),
    vscode.commands.registerCommand('pyinfraConnectors.runConformanceTests', async (arg?: string | InventoryNode, host?: string) => {
      if (!ctx.ensureTrusted('Conformance tests')) return undefined;
      const chosen = await chosenTarget(inventory.model, arg, host);
      if (!chosen) return undefined;
      await vscode.commands.executeCommand('workbench.view.testing.focus');
      return tests.runCommand(chosen.target, chosen.host);
    }),
  );
  return { controller: tests.controller, profile: tests.profile, targetItem: (target) => tests.targetItem(target), lastRun: () => tests.lastRun() };
}
