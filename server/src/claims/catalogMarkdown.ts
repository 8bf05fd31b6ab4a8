/** The function reference (docs/functions.md) as Markdown, generated from the catalog. */
import { CLAIM_SNIPPETS, FUNCTION_DOCS, LAYER_PARAM_DOCS, MODULE_DOCS, STATEMENT_DOCS, signatureOf, type FunctionDoc } from './catalog';

const GROUPS: [FunctionDoc['group'], string][] = [
  ['elementwise', 'Elementwise'],
  ['products', 'Products'],
  ['reductions', 'Reductions'],
  ['shape', 'Shape operations'],
  ['nn', 'Convolution and pooling'],
  ['losses', 'Losses'],
  ['constructors', 'Constructors'],
  ['derivatives', 'Derivatives'],
  ['modules', 'Measures of modules'],
];

/** A snippet as a student would type it: placeholders as their default, choices as `a|b|c`. */
const plain = (snippet: string) => snippet.replace(/\$\{\d+\|([^}|]*)\|\}/g, (_, c: string) => c.replace(/,/g, '|')).replace(/\$\{\d+:([^}]*)\}/g, '$1');

const cell = (s: string) => s.replace(/\|/g, '\\|');

function table(docs: readonly FunctionDoc[], prefix = ''): string[] {
  const out = ['| signature | what it does | shape |', '|---|---|---|'];
  for (const d of docs) out.push(`| \`${cell(signatureOf(d, prefix))}\` | ${cell(d.summary)} | ${cell(d.shape ?? '')} |`);
  return out;
}

export function functionsMarkdown(): string {
  const out = [
    '# Functions, modules and keywords in claims',
    '',
    '<!-- Generated from server/src/claims/catalog.ts by `node --import tsx tools/docs/functions.ts`; do not edit. -->',
    '',
    'Functions take PyTorch\'s argument order, names and defaults; `torch.`, `F.` and `nn.functional.` prefixes',
    'are accepted, and methods work as in PyTorch (`x.sum(dim=0)`, `x.flatten(1)`, `x.T`, `x.shape`).',
    'In the editor, typing inside a claim comment completes these names, shows the signature inside a call,',
    'and hovering a name shows its line here.',
    '',
  ];
  for (const [group, title] of GROUPS) {
    const docs = FUNCTION_DOCS.filter((d) => d.group === group);
    if (docs.length === 0) continue;
    out.push(`## ${title}`, '', ...table(docs), '');
  }
  out.push('## `nn.` modules', '', 'The prefix `nn.` may be left out.', '', ...table(MODULE_DOCS, 'nn.'), '');
  out.push('## Statements', '', '| write | meaning |', '|---|---|');
  for (const k of STATEMENT_DOCS) out.push(`| \`${cell(plain(k.snippet))}\` | ${cell(k.summary)} |`);
  for (const k of CLAIM_SNIPPETS) out.push(`| \`${cell(plain(k.snippet))}\` | ${cell(k.summary)} |`);
  out.push('', '## Layer shorthand parameters', '', '| param | meaning |', '|---|---|');
  for (const p of LAYER_PARAM_DOCS) out.push(`| \`${p.label}\` | ${cell(p.summary)} |`);
  out.push('');
  return out.join('\n');
}
