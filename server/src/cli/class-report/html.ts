/**
 * The class report as one self-contained HTML file (spec section 8a): no request leaves the page (a
 * Content-Security-Policy allows nothing but its own inline style and script), so it can be mailed,
 * archived or opened offline. A grid of submissions × claims coloured by status, with a symbol too
 * (colour is not the only cue) and the message on hover; each claim's pass rate as a bar; the score
 * distribution as a histogram; rows sortable by any column. Every text from a submission is escaped.
 */
import { createHash } from 'node:crypto';
import type { CellStatus, ClassGrid, Row } from './grid';
import { REPORT_CSS } from './style';
import { SORT_SCRIPT } from './sort-script';

export function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const SYMBOL: Record<CellStatus, string> = { pass: '✓', fail: '✗', error: '!', unbound: '?', missing: '∅' };
const WORD: Record<CellStatus, string> = { pass: 'passes', fail: 'fails', error: 'error', unbound: 'nothing claimed', missing: 'missing (in the key, not made)' };
/** Sort order of a claim column: the problems first. */
const RANK: Record<CellStatus, number> = { fail: 0, error: 1, missing: 2, unbound: 3, pass: 4 };

/** The CSP names the one script the page may run by its hash, so nothing injected could run. */
const SCRIPT_HASH = `sha256-${createHash('sha256').update(SORT_SCRIPT).digest('base64')}`;

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function legend(keyed: boolean): string {
  const statuses: CellStatus[] = keyed ? ['pass', 'fail', 'error', 'unbound', 'missing'] : ['pass', 'fail', 'error', 'unbound'];
  const items = statuses.map((s) => `<li><span class="cell s-${s}">${SYMBOL[s]}</span> ${WORD[s]}</li>`);
  return `<ul class="legend">${items.join('')}<li><span class="cell s-none"></span> claim not made</li></ul>`;
}

function gridRow(r: Row, keyed: boolean): string {
  const c = r.counts;
  const notes = r.notes.length ? ` <span class="note" title="${htmlEscape(`Not checked:\n${r.notes.join('\n')}`)}">⚠ ${r.notes.length} not checked</span>` : '';
  const fixed = [
    `<th scope="row" data-v="${htmlEscape(r.name)}"><span class="name">${htmlEscape(r.name)}</span>${notes}</th>`,
    `<td class="num score" data-v="${r.score}">${pct(r.score)}</td>`,
    `<td class="num" data-v="${c.claims}">${c.claims}</td>`,
    `<td class="num" data-v="${c.pass}">${c.pass}</td>`,
    `<td class="num" data-v="${c.fail}">${c.fail}</td>`,
    `<td class="num" data-v="${c.error}">${c.error}</td>`,
    `<td class="num" data-v="${c.unbound}">${c.unbound}</td>`,
    ...(keyed ? [`<td class="num" data-v="${c.missing}">${c.missing}</td>`] : []),
  ];
  const cells = r.cells.map((cell) => {
    // The commonest cell in a large class: kept short (the legend says what grey means).
    if (!cell) return '<td class="cell s-none" data-v="5"></td>';
    const tip = `${WORD[cell.status]}: ${cell.message}${cell.where ? `\n(${cell.where})` : ''}`;
    return `<td class="cell s-${cell.status}" data-v="${RANK[cell.status]}" title="${htmlEscape(tip)}">${SYMBOL[cell.status]}</td>`;
  });
  return `<tr>${fixed.join('')}${cells.join('')}</tr>`;
}

function gridTable(grid: ClassGrid): string {
  const sortable = (label: string, kind: 'text' | 'num', title: string, cls = '') =>
    `<th scope="col"${cls ? ` class="${cls}"` : ''} title="${htmlEscape(title)}"><button type="button" data-kind="${kind}">${htmlEscape(label)}</button></th>`;
  const head = [
    sortable('Submission', 'text', 'sort by name'),
    sortable('Score', 'num', 'passed ÷ (claims + missing)'),
    sortable('Claims', 'num', 'claims made'),
    sortable('Pass', 'num', 'claims that hold'),
    sortable('Fail', 'num', 'claims that do not hold'),
    sortable('Error', 'num', 'claims that could not be evaluated'),
    sortable('Unbound', 'num', 'claims with nothing claimed'),
    ...(grid.keyed ? [sortable('Missing', 'num', 'claims of the key the submission does not make')] : []),
    ...grid.columns.map((col, j) => sortable(String(j + 1), 'num', `${j + 1}. ${col.label}${col.inKey ? ' (key)' : ''}`, 'claim')),
  ];
  return `<div class="scroll"><table class="grid" id="grid"><thead><tr>${head.join('')}</tr></thead><tbody>${grid.rows.map((r) => gridRow(r, grid.keyed)).join('\n')}</tbody></table></div>`;
}

function passRates(grid: ClassGrid): string {
  if (grid.columns.length === 0) return '<p>No claims were found in any submission.</p>';
  const rows = grid.columns.map((col, j) => {
    const made = grid.rows.length - (grid.rows.filter((r) => !r.cells[j]).length);
    const c = col.count;
    const parts = (['pass', 'fail', 'error', 'unbound', 'missing'] as CellStatus[])
      .filter((s) => c[s] > 0)
      .map((s) => `<span class="seg s-${s}" style="width:${((c[s] / grid.rows.length) * 100).toFixed(2)}%" title="${c[s]} ${WORD[s]}"></span>`);
    const detail = `${c.pass} of ${grid.rows.length} pass${made < grid.rows.length ? ` (${made} made it)` : ''}`;
    return `<tr><td class="num">${j + 1}</td><td class="src"><code>${htmlEscape(col.label)}</code>${col.inKey ? ' <span class="key">key</span>' : ''}</td><td class="bar"><div class="track" role="img" aria-label="${htmlEscape(`${pct(col.passRate)} pass`)}">${parts.join('')}</div></td><td class="num">${pct(col.passRate)}</td><td class="detail">${detail}</td></tr>`;
  });
  return `<table class="rates"><thead><tr><th>#</th><th>claim</th><th>pass rate</th><th></th><th></th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

/** Ten bins of 10 points (the last includes 100%), drawn as an SVG bar chart. */
export function histogramBins(scores: readonly number[]): number[] {
  const bins = new Array<number>(10).fill(0);
  for (const s of scores) bins[Math.min(9, Math.max(0, Math.floor(s * 10)))]++;
  return bins;
}

function histogram(scores: readonly number[]): string {
  const bins = histogramBins(scores);
  const max = Math.max(1, ...bins);
  const [w, h, left, bottom, top] = [520, 200, 36, 28, 16];
  const bw = (w - left - 8) / bins.length;
  const bars = bins.map((n, i) => {
    const bh = ((h - bottom - top) * n) / max;
    const x = left + i * bw;
    const y = h - bottom - bh;
    const range = `${i * 10}–${i === 9 ? 100 : i * 10 + 9}%`;
    return `<g><title>${range}: ${n} submission${n === 1 ? '' : 's'}</title><rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${bh.toFixed(1)}" class="hbar"/>${n ? `<text x="${(x + bw / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" class="hcount">${n}</text>` : ''}<text x="${(x + bw / 2).toFixed(1)}" y="${h - bottom + 16}" class="hlabel">${i * 10}</text></g>`;
  });
  return `<svg class="histogram" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="Histogram of scores in bins of 10 percentage points"><line x1="${left}" y1="${h - bottom}" x2="${w - 8}" y2="${h - bottom}" class="axis"/>${bars.join('')}<text x="${w - 8}" y="${h - 2}" class="hlabel end">score %</text></svg>`;
}

export function formatHtml(grid: ClassGrid, options: { version: string; title?: string; problems?: readonly string[]; keyDoubts?: readonly string[] }): string {
  const scores = grid.rows.map((r) => r.score);
  const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
  const title = options.title ?? 'Derivation Check — class report';
  const withNotes = grid.rows.filter((r) => r.notes.length);
  const problems = options.problems ?? [];
  const notes = withNotes.length || problems.length
    ? `<section id="notes"><h2>Not checked</h2><ul>${problems.map((p) => `<li>${htmlEscape(p)}</li>`).join('')}${withNotes.flatMap((r) => r.notes.map((n) => `<li><b>${htmlEscape(r.name)}</b>: ${htmlEscape(n)}</li>`)).join('')}</ul></section>`
    : '';
  const doubts = options.keyDoubts?.length
    ? `<section id="key"><h2>The answer key's own claims that do not pass</h2><p class="hint">Every submission is graded against these as written; check them.</p><ul>${options.keyDoubts.map((d) => `<li><code>${htmlEscape(d)}</code></li>`).join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src '${SCRIPT_HASH}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlEscape(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${htmlEscape(title)}</h1>
<p class="summary">${grid.rows.length} submission${grid.rows.length === 1 ? '' : 's'} · ${grid.columns.length} claim${grid.columns.length === 1 ? '' : 's'}${grid.keyed ? ' (answer key given)' : ''} · mean score ${pct(mean)} · median ${pct(median(scores))}</p>
${legend(grid.keyed)}
</header>
<main>
<section id="submissions"><h2>Submissions × claims</h2><p class="hint">Hover a cell for the checker's message; click a column header to sort.</p>
${gridTable(grid)}
</section>
<div class="charts">
<section id="rates"><h2>Pass rate per claim</h2>
${passRates(grid)}
</section>
<section id="scores"><h2>Score distribution</h2>
${histogram(scores)}
<p class="hint">score = passed ÷ (claims made${grid.keyed ? ' + key claims missing' : ''})</p>
</section>
</div>
${doubts}
${notes}
</main>
<footer>Made by derivcheck ${htmlEscape(options.version)}.</footer>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}
