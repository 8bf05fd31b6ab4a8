// The escaping each format needs, on hostile text: XML 1.0 for JUnit, GitHub's workflow commands,
// CSV for spreadsheets, HTML for the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
import { csvField } from '../../../server/src/cli/class-report/csv';
import { htmlEscape } from '../../../server/src/cli/class-report/html';
import { escapeData, escapeProperty } from '../../../server/src/cli/github';
import { attrs, xmlEscape } from '../../../server/src/cli/xml';

function parses(xml: string): string {
  let text = '';
  const p = new SaxesParser();
  p.on('error', (e) => {
    throw e;
  });
  p.on('text', (t) => (text += t));
  p.write(xml).close();
  return text;
}

test('XML: markup escaped, forbidden characters replaced, lone surrogates too; a strict parser reads it back', () => {
  const nasty = 'a<b>&c"d\'e\u0000f\u0001g\u000Bh\uFFFEi\uD800j\uDC00k😀l\tm\nn';
  const back = parses(`<x${attrs({ v: nasty })}>${xmlEscape(nasty)}</x>`);
  assert.equal(back, 'a<b>&c"d\'e\uFFFDf\uFFFDg\uFFFDh\uFFFDi\uFFFDj\uFFFDk😀l\tm\nn');
  assert.equal(xmlEscape('x\ny', true), 'x&#10;y', 'newlines survive in attributes');
});

test('GitHub: %, CR and LF escaped in messages; also : and , in properties', () => {
  assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
  assert.equal(escapeProperty('hw/a, b: c%.md'), 'hw/a%2C b%3A c%25.md');
  // Escaping % first: an already escaped-looking text is not decoded into something else.
  assert.equal(escapeData('%0A'), '%250A');
});

test('CSV: quotes where needed, doubles quotes, and defuses spreadsheet formulas', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('+1'), "'+1");
  assert.equal(csvField('@sum'), "'@sum");
  assert.equal(csvField(' padded'), '" padded"');
});

test('HTML: the five characters that matter', () => {
  assert.equal(htmlEscape(`<script>alert("x")</script>&'`), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
});
