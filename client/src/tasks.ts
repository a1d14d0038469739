/**
 * The `awsResponsibility` task type: `aws-responsibility scan` as a VS Code task whose findings fill the Problems panel
 * (problem matcher `$awsResponsibility` reads the CLI's `--format line`). It runs the CLI bundled with the extension on
 * the editor's own runtime (ELECTRON_RUN_AS_NODE): nothing else needs to be installed.
 */
import * as vscode from 'vscode';

export const TASK_TYPE = 'awsResponsibility';

interface ScanTaskDefinition extends vscode.TaskDefinition {
  paths?: string[];
  failOn?: string;
  args?: string[];
}

const FAIL_ON = new Set(['error', 'warning', 'information', 'hint', 'none']);

function execution(cli: string, folder: vscode.WorkspaceFolder, def: ScanTaskDefinition): vscode.ProcessExecution {
  const args = [cli, 'scan', '--format', 'line', '--no-progress'];
  if (def.failOn && FAIL_ON.has(def.failOn)) args.push('--fail-on', def.failOn);
  for (const a of def.args ?? []) if (typeof a === 'string') args.push(a);
  const paths = (def.paths ?? []).filter((p) => typeof p === 'string');
  args.push(...(paths.length > 0 ? paths : ['.']));
  return new vscode.ProcessExecution(process.execPath, args, { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
}

function task(cli: string, folder: vscode.WorkspaceFolder, def: ScanTaskDefinition): vscode.Task {
  const t = new vscode.Task(def, folder, vscode.l10n.t('scan {0}', folder.name), 'AWS Responsibility', execution(cli, folder, def), ['$awsResponsibility']);
  t.group = vscode.TaskGroup.Test;
  t.presentationOptions = { reveal: vscode.TaskRevealKind.Silent };
  return t;
}

export function registerTasks(context: vscode.ExtensionContext): vscode.Disposable {
  const cli = context.asAbsolutePath('dist/cli.js');
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => task(cli, f, { type: TASK_TYPE })),
    resolveTask: (t) => {
      const folder = t.scope && typeof t.scope === 'object' ? (t.scope as vscode.WorkspaceFolder) : vscode.workspace.workspaceFolders?.[0];
      if (!folder || t.definition.type !== TASK_TYPE) return undefined;
      return task(cli, folder, t.definition as ScanTaskDefinition);
    },
  });
}
