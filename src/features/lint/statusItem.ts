// The language status item: scan progress while the workspace is scanned, then diagnostic counts;
// its command opens the log.
import * as vscode from 'vscode';
import type { LintStatus } from '../../server/customMessages';

export const SHOW_LOG_COMMAND = 'pyinfraConnectors.lint.showLog';

export function createLintStatusItem(selector: vscode.DocumentSelector): { item: vscode.LanguageStatusItem; update(status: LintStatus): void; stopped(reason: string): void } {
  const item = vscode.languages.createLanguageStatusItem('pyinfraConnectors.lint', selector);
  item.name = 'pyinfra connector lint';
  item.text = '$(sync~spin) pyinfra lint: starting';
  item.busy = true;
  item.command = { title: 'Open log', command: SHOW_LOG_COMMAND };
  return {
    item,
    update(status) {
      if (status.state === 'scanning') {
        item.busy = true;
        item.severity = vscode.LanguageStatusSeverity.Information;
        item.text = `pyinfra lint: scanning ${status.scanned}/${status.total}`;
        item.detail = 'workspace scan';
        return;
      }
      item.busy = false;
      item.severity = status.errors > 0 ? vscode.LanguageStatusSeverity.Error
        : status.warnings > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
      item.text = `pyinfra lint: ${status.errors} error${status.errors === 1 ? '' : 's'}, ${status.warnings} warning${status.warnings === 1 ? '' : 's'}`;
      item.detail = `${status.connectorClasses} connector class${status.connectorClasses === 1 ? '' : 'es'} in ${status.total} files (${status.analysedFiles} parsed)`;
    },
    stopped(reason) {
      item.busy = false;
      item.severity = vscode.LanguageStatusSeverity.Error;
      item.text = 'pyinfra lint: server stopped';
      item.detail = reason;
    },
  };
}
