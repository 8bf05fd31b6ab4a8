/**
 * The translation from check results to LSP, without a process or a real checker: hand-made results
 * cover what the engine rarely produces on demand (broken math links, overlapping fixes, a crash).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult, DocumentCheck } from '../../server/src/core/result';
import { LineIndex } from '../../server/src/core/span';
import { codeActions } from '../../server/src/lsp/codeActions';
import { checkText } from '../../server/src/lsp/commands';
import { documentDiagnostics } from '../../server/src/lsp/diagnostics';
import { DocumentChecks, countResults, kindOf, optionsFor, type CheckedDocument } from '../../server/src/lsp/documents';
import { InProcessRunner } from '../../server/src/lsp/checkRunner';
import { escapeMarkdown, hoverAt } from '../../server/src/lsp/hover';
import { hintLabel, inlayHints } from '../../server/src/lsp/inlayHints';
import { SettingsStore, defaultSettings, normalizeSettings } from '../../server/src/lsp/settings';
import { countsSummary, languageIdOf, statusIsError, statusText } from '../../client/src/summary';
import { marked, rangeOf } from './harness';

function result(over: Partial<CheckResult> & Pick<CheckResult, 'status' | 'span'>): CheckResult {
  return {
    kind: 'value',
    code: over.status === 'pass' ? 'ok' : over.status === 'fail' ? 'mismatch' : over.status === 'unbound' ? 'unbound' : 'eval',
    source: 'stmt',
    computed: null,
    computedText: null,
    claimed: null,
    claimedSpan: null,
    message: `${over.status} message`,
    steps: [],
    ...over,
  };
}

function doc(text: string, check: DocumentCheck, version = 3): CheckedDocument {
  return { uri: 'file:///a.md', version, kind: 'markdown', text, lines: new LineIndex(text), check };
}

// 0: statement, 1: left side, 2: right side of a broken link, 3: right side of a good link.
const mathDoc = marked('<!-- check: «math W=10» -->\n$$«W_o» = «\\frac{10-3}{2}+1» = «4»$$\n');
const mathResult = result({
  kind: 'math',
  status: 'fail',
  span: mathDoc.ranges[0],
  source: 'math W=10',
  links: [
    { relation: '=', leftSpan: mathDoc.ranges[1], rightSpan: mathDoc.ranges[2], holds: false, leftText: 'W_o', rightText: '4.5', message: 'left 4, right 4.5' },
    { relation: '=', leftSpan: mathDoc.ranges[2], rightSpan: mathDoc.ranges[3], holds: true, leftText: '4.5', rightText: '4', message: 'holds' },
  ],
});

describe('diagnostics', () => {
  it('give one error per broken math link, on its right side, pointing back at the claim', () => {
    const d = documentDiagnostics(doc(mathDoc.text, { results: [mathResult], lets: [] }));
    assert.equal(d.length, 1);
    assert.deepEqual(d[0].range, rangeOf(mathDoc.text, mathDoc.ranges[2]));
    assert.equal(d[0].message, 'left 4, right 4.5');
    assert.equal(d[0].relatedInformation?.[0].location.range.start.line, 0);
  });

  it('put an error on its exact sub-range when known, and code and source on every diagnostic', () => {
    const t = 'x\n<!-- check: foo(3) -->\n';
    const d = documentDiagnostics(
      doc(t, { results: [result({ status: 'error', code: 'unknown-name', span: { start: 14, end: 20 }, errorSpan: { start: 14, end: 17 } })], lets: [] }),
    );
    assert.deepEqual(d[0].range, { start: { line: 1, character: 12 }, end: { line: 1, character: 15 } });
    assert.equal(d[0].code, 'unknown-name');
    assert.equal(d[0].source, 'derivcheck');
  });

  it('leave related information out when the claimed value is in the statement itself', () => {
    const r = result({ status: 'fail', span: { start: 0, end: 10 }, claimedSpan: { start: 0, end: 10 } });
    const [d] = documentDiagnostics(doc('0123456789', { results: [r], lets: [] }));
    assert.equal(d.relatedInformation, undefined);
  });

  it('count results by status', () => {
    const rs = ['pass', 'pass', 'fail', 'error', 'unbound'].map((s) => result({ status: s as CheckResult['status'], span: { start: 0, end: 0 } }));
    assert.deepEqual(countResults(rs), { claims: 5, pass: 2, fail: 1, error: 1, unbound: 1 });
  });
});

describe('hover', () => {
  it('on a math link shows both sides and the verdict, leaving the link\'s message to its diagnostic (shown above)', () => {
    const d = doc(mathDoc.text, { results: [mathResult], lets: [] });
    const h = hoverAt(d, mathDoc.ranges[2].start + 2);
    const text = (h!.contents as { value: string }).value;
    assert.ok(text.includes('✗') && text.includes('4.5'), text);
    assert.ok(!text.includes('left 4, right 4.5'), `not twice: ${text}`);
    // On the left side there is no diagnostic: the message is said there.
    const left = (hoverAt(d, mathDoc.ranges[1].start)!.contents as { value: string }).value;
    assert.ok(left.includes('left 4, right 4.5'), left);
  });

  it('on a let with unknown values says so', () => {
    const d = doc('<!-- check: let x : 2x5 -->', { results: [], lets: [{ name: 'x', nameSpan: { start: 16, end: 17 }, shapeText: '2×5', valueText: null }] });
    const text = (hoverAt(d, 16)!.contents as { value: string }).value;
    assert.ok(text.includes('2×5') && /unknown/.test(text), text);
  });

  it('on a module claim shows the per-layer breakdown as a table', () => {
    const r = result({
      status: 'pass', span: { start: 0, end: 30 }, computedText: '4×10',
      layers: [
        { layer: '[0] Conv2d(3, 8, 3, padding=1)', output: '4×8×32×32', params: '224' },
        { layer: '[4] Linear(2048, 10)', output: '4×10', params: '20490' },
      ],
    });
    const text = (hoverAt(doc('<!-- check: net(batch) : 4x10 -->', { results: [r], lets: [] }), 5)!.contents as { value: string }).value;
    assert.ok(text.includes('| layer | output | params |'), text);
    assert.ok(text.includes('| \\[0\\] Conv2d(3, 8, 3, padding=1) | 4×8×32×32 | 224 |'), text);
    assert.ok(text.includes('| \\[4\\] Linear(2048, 10) | 4×10 | 20490 |'), text);
  });

  it('escapes Markdown in messages', () => {
    assert.equal(escapeMarkdown('a*b_[c] (4.5)'), 'a\\*b\\_\\[c\\] (4.5)');
  });
});

describe('inlay hints', () => {
  it('label pass, fail and unbound; math without a value gets its verdict only', () => {
    assert.equal(hintLabel(result({ status: 'pass', span: { start: 0, end: 0 }, computedText: '4×5' })), '⇒ 4×5 ✓');
    assert.equal(hintLabel(result({ status: 'fail', span: { start: 0, end: 0 }, computedText: '4×5' })), '⇒ 4×5 ✗');
    assert.equal(hintLabel(result({ status: 'unbound', span: { start: 0, end: 0 }, computedText: '4×5' })), '⇒ 4×5');
    assert.equal(hintLabel(result({ status: 'error', span: { start: 0, end: 0 }, computedText: null })), undefined);
    assert.equal(hintLabel(mathResult), '✗');
    assert.equal(hintLabel({ ...mathResult, computedText: '5' }), '✗', 'a chain’s last side is not an answer');
    assert.equal(hintLabel({ ...mathResult, status: 'unbound' }), undefined);
  });

  it('stand at the end of the statement', () => {
    const d = doc(mathDoc.text, { results: [mathResult], lets: [] });
    const [h] = inlayHints(d, { start: 0, end: mathDoc.text.length });
    assert.deepEqual(h.position, { line: 0, character: mathDoc.ranges[0].end });
  });
});

describe('code actions', () => {
  const t = 'aa 5x4 bb 7 cc';
  const fails = [
    result({ status: 'fail', span: { start: 0, end: 2 }, claimedSpan: { start: 3, end: 6 }, fix: { span: { start: 3, end: 6 }, newText: '4x5' } }),
    result({ status: 'fail', span: { start: 0, end: 2 }, claimedSpan: { start: 3, end: 6 }, fix: { span: { start: 3, end: 6 }, newText: '4x5' } }),
    result({ status: 'fail', span: { start: 7, end: 9 }, claimedSpan: { start: 10, end: 11 }, fix: { span: { start: 10, end: 11 }, newText: '8' } }),
    result({ status: 'fail', span: { start: 12, end: 14 }, claimedSpan: null }),
  ];
  const d = doc(t, { results: fails, lets: [] });

  it('fix all applies each distinct fix once, as an unversioned edit when the client wants that', () => {
    const [all] = codeActions(d, { span: { start: 0, end: 0 }, only: ['source.fixAll'], versionedEdits: false });
    assert.equal(all.kind, 'source.fixAll.derivcheck');
    assert.deepEqual(all.edit!.changes!['file:///a.md'].map((e) => e.newText), ['4x5', '8']);
  });

  it('offers nothing of a kind the client did not ask for', () => {
    assert.deepEqual(codeActions(d, { span: { start: 10, end: 10 }, only: ['refactor'], versionedEdits: true }), []);
    const any = codeActions(d, { span: { start: 10, end: 10 }, versionedEdits: true });
    assert.deepEqual(any.map((a) => a.kind), ['quickfix', 'source.fixAll.derivcheck']);
    assert.equal(any[0].title, 'Replace 7 with 8');
  });
});

describe('documents', () => {
  it('know Markdown and LaTeX by language id or by extension', () => {
    assert.equal(kindOf('untitled:Untitled-1', 'markdown'), 'markdown');
    assert.equal(kindOf('file:///a/hw.TEX'), 'latex');
    assert.equal(kindOf('file:///a/hw.tex', 'tex'), 'latex');
    assert.equal(kindOf('file:///a/hw.markdown?x=1'), 'markdown');
    assert.equal(kindOf('file:///a/hw.txt', 'plaintext'), undefined);
  });

  it('check each version once, reuse the result, share a check in flight, and turn a checker crash into one error', async () => {
    let calls = 0;
    const checks = new DocumentChecks(
      new InProcessRunner({
        newCache: () => ({}),
        check: (d) => {
          calls++;
          if (d.text.includes('boom')) throw new Error('boom');
          return { results: [], lets: [] };
        },
      }),
      () => {},
    );
    const ed = (version: number, text: string) => ({ uri: 'file:///x.md', languageId: 'markdown', version, getText: () => text });
    const opts = optionsFor(defaultSettings);
    // Two requests while the first version is being checked: one check.
    const [a, b] = await Promise.all([checks.checkOf(ed(1, 'a'), opts), checks.checkOf(ed(1, 'a'), opts)]);
    assert.equal(a, b);
    await checks.checkOf(ed(1, 'a'), opts);
    assert.equal(calls, 1);
    // A newer version asked for before the older's check ran: the older is superseded (undefined), never checked.
    const [older, newer] = await Promise.all([checks.checkOf(ed(2, 'ab'), opts), checks.checkOf(ed(3, 'abc'), opts)]);
    assert.equal(older, undefined);
    assert.equal(newer?.version, 3);
    assert.equal(calls, 2);
    const crashed = (await checks.checkOf(ed(4, 'boom'), opts))!;
    assert.equal(crashed.check.results.length, 1);
    assert.equal(crashed.check.results[0].status, 'error');
    assert.match(crashed.check.results[0].message, /internal error: boom/);
    assert.equal((await checkText({ uri: 'file:///y.md', text: 'x' }, { enabled: () => false, check: async () => crashed })).checked, false);
  });
});

describe('settings', () => {
  it('fall back to defaults for anything malformed', () => {
    assert.deepEqual(normalizeSettings(null), defaultSettings);
    assert.deepEqual(
      normalizeSettings({ enable: 'yes', run: 'sometimes', inlayHints: 3, tolerance: -1, maxTensorElements: 0 }),
      defaultSettings,
    );
    assert.deepEqual(
      normalizeSettings({ enable: false, run: 'onSave', inlayHints: { enabled: false }, tolerance: 0.01, maxTensorElements: 1000.7, convention: 'keras', layout: 42 }),
      { enable: false, run: 'onSave', inlayHints: { enabled: false }, tolerance: 0.01, maxTensorElements: 1000, convention: 'pytorch', layout: 'channels_first' },
    );
    assert.deepEqual(
      [normalizeSettings({ convention: 'tensorflow', layout: 'channels_last' }).convention, normalizeSettings({ layout: 'channels_last' }).layout],
      ['tensorflow', 'channels_last'],
    );
  });

  it('are fetched once per document and refetched after a change', async () => {
    let fetches = 0;
    const store = new SettingsStore(async () => {
      fetches++;
      return { run: 'onSave' };
    });
    // Two requests before the client has answered: one fetch, both get the client's settings.
    const [a, b] = await Promise.all([store.get('u'), store.get('u')]);
    assert.equal(a.run, 'onSave');
    assert.equal(b.run, 'onSave');
    await store.get('u');
    assert.equal(fetches, 1);
    store.clear();
    await store.get('u');
    assert.equal(fetches, 2);
  });
});

describe('client wording', () => {
  it('summarises counts as the command and status bar show them', () => {
    const c = { claims: 7, pass: 4, fail: 1, error: 1, unbound: 1 };
    assert.equal(countsSummary({ ...c, error: 2 }, 3), '7 claims in 3 files — 4 passed, 1 failed, 2 errors, 1 unbound');
    assert.equal(countsSummary(c), '7 claims — 4 passed, 1 failed, 1 error, 1 unbound');
    assert.equal(languageIdOf('/a/B.TEX'), 'latex');
  });

  it('makes counted nouns agree with their number: not "18 claims in 1 files" (issue 9)', () => {
    const one = { claims: 1, pass: 1, fail: 0, error: 0, unbound: 0 };
    assert.equal(countsSummary({ ...one, claims: 18, pass: 18 }, 1), '18 claims in 1 file — 18 passed, 0 failed, 0 errors, 0 unbound');
    assert.equal(countsSummary(one, 1), '1 claim in 1 file — 1 passed, 0 failed, 0 errors, 0 unbound');
  });

  it('shows a failed claim and an unverifiable one under the error icon, as the Problems panel does (issue 9)', () => {
    const c = { claims: 7, pass: 4, fail: 1, error: 1, unbound: 1 };
    assert.equal(statusText(c), '$(check) 4 $(error) 2');
    assert.ok(!statusText(c).includes('⚠') && !statusText(c).includes('warning'), 'never a warning sign for errors');
    assert.equal(statusText({ ...c, fail: 0 }), '$(check) 4 $(error) 1');
    assert.equal(statusText({ ...c, fail: 0, error: 0 }), '$(check) 4');
    assert.equal(statusIsError(c), true);
    assert.equal(statusIsError({ ...c, fail: 0, error: 0 }), false, 'unbound claims are information, not errors');
  });
});
