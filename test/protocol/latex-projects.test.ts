/**
 * LaTeX across files in the language server: an open file is checked within its project, its
 * diagnostics stay in the file where the claim is, an edit to the root re-checks an open include, and
 * a file opened alone finds its root on disk in the workspace (by search or by magic comment).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startSession, type Session } from './harness';

const text = (m: string | MarkupContent) => (typeof m === 'string' ? m : m.value);

async function latest(s: Session, uri: string, test: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
  for (let i = 0; ; i++) {
    const mine = s.published.filter((p) => p.uri === uri);
    const last = mine[mine.length - 1];
    if (last && test(last)) return last;
    if (i === 600) assert.fail(`no matching publication for ${uri}; last: ${JSON.stringify(last?.diagnostics.map((d) => text(d.message)))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const MAIN = '\\documentclass{article}\n\\begin{document}\n% check: let x : 2x5\n\\input{sec/one}\n\\end{document}\n';
const ONE = '\\section{One}\n% check: x @ x.T : 3x3\n';

describe('LaTeX projects in the language server', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-latex-lsp-'));
  mkdirSync(join(dir, 'sec'));
  writeFileSync(join(dir, 'main.tex'), MAIN);
  writeFileSync(join(dir, 'sec', 'one.tex'), ONE);
  const uri = (p: string) => pathToFileURL(join(dir, p)).toString();
  let s: Session;
  before(async () => {
    s = await startSession({ workspaceFolders: [pathToFileURL(dir).toString()] });
  });
  after(async () => {
    await s.dispose();
  });

  it('an included file opened alone finds its root on disk: the root\'s lets are known, the diagnostic is in the included file', async () => {
    s.open(uri('sec/one.tex'), ONE, 'latex');
    const p = await latest(s, uri('sec/one.tex'), (x) => x.diagnostics.length === 1);
    assert.match(text(p.diagnostics[0].message), /^Claimed 3×3, but x @ x\.T gives 2×2/);
    assert.equal(p.diagnostics[0].range.start.line, 1);
  });

  it('with the root open too, an edit of the root\'s let re-checks the open include', async () => {
    s.open(uri('main.tex'), MAIN, 'latex');
    const main = await latest(s, uri('main.tex'), () => true);
    assert.deepEqual(main.diagnostics, []);
    s.change(uri('main.tex'), MAIN.replace('2x5', '3x5'));
    await latest(s, uri('sec/one.tex'), (x) => x.diagnostics.length === 0);
  });

  it('a missing include is an error at its \\input, in the root', async () => {
    const u = uri('broken.tex');
    s.open(u, '\\documentclass{article}\n\\input{nowhere}\n', 'latex');
    const p = await latest(s, u, (x) => x.diagnostics.length === 1);
    assert.match(text(p.diagnostics[0].message), /Cannot read the included file nowhere/);
    assert.equal(p.diagnostics[0].range.start.line, 1);
  });
});
