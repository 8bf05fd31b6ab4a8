/**
 * "Derivation Check: Open Claim Reference": the claim language reference shipped in the package
 * (docs/claims.md, with docs/functions.md and docs/math.md beside it), shown as a Markdown preview.
 */
import * as vscode from 'vscode';

export const openReferenceCommand = 'derivcheck.openClaimReference';

export async function openClaimReference(extensionUri: vscode.Uri): Promise<void> {
  const uri = vscode.Uri.joinPath(extensionUri, 'docs', 'claims.md');
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // Without the built-in Markdown extension, the source is still readable.
    await vscode.window.showTextDocument(uri, { preview: true });
  }
}
