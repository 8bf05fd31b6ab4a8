/** The extension inside a real VS Code: what a student sees, through VS Code's own API. */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import * as vscode from 'vscode';

const folder = () => vscode.workspace.workspaceFolders![0].uri;

/** Resolves once `uri` has diagnostics satisfying `ok`; event-driven, so no sleeps. */
function diagnosticsOf(uri: vscode.Uri, ok: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const d = vscode.languages.getDiagnostics(uri);
      if (!ok(d)) return false;
      sub.dispose();
      resolve(d);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

const ours = (d: readonly vscode.Diagnostic[]) => d.filter((x) => x.source === 'derivcheck');

export const suites = [
  suite('Derivation Check in VS Code', { timeout: 120_000 }, () => {
    test('marks the wrong claimed value, explains it, and fixes it', async () => {
      const ext = vscode.extensions.getExtension('derivcheck.derivation-check');
      assert.ok(ext, 'extension found');
      const uri = vscode.Uri.joinPath(folder(), 'hw.md');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await ext.activate();

      const diags = ours(await diagnosticsOf(uri, (d) => ours(d).length > 0));
      const wrong = diags.find((d) => d.severity === vscode.DiagnosticSeverity.Error)!;
      assert.equal(doc.getText(wrong.range), '5×4');

      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 15));
      const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.ok(hoverText.includes('4×5'), hoverText);

      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>(
        'vscode.executeInlayHintProvider',
        uri,
        new vscode.Range(0, 0, doc.lineCount, 0),
      );
      assert.ok(hints.some((h) => String(h.label).includes('4×5 ✗')));

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        wrong.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title === 'Replace 5×4 with 4×5');
      assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await diagnosticsOf(uri, (d) => !ours(d).some((x) => x.severity === vscode.DiagnosticSeverity.Error));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('Verify All Files in Workspace reports files nobody opened', async () => {
      const tex = vscode.Uri.joinPath(folder(), 'notes', 'layers.tex');
      await vscode.commands.executeCommand('derivcheck.verifyWorkspace');
      const diags = ours(await diagnosticsOf(tex, (d) => ours(d).length > 0));
      assert.equal(diags.length, 1);
      assert.equal(diags[0].range.start.line, 1);
    });
  }),
];
