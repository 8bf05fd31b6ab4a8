import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBlock, parseShapeText } from '../../../server/src/claims/index';
import { MAX_DEPTH } from '../../../server/src/claims/cursor';
import { assertError, showStmt } from './helpers';

// ⟦ ⟧ mark the exact range each error must point at.

test('layer shorthand: unknown, malformed and duplicate parameters', () => {
  assertError('conv out 10x11 ⟦q2⟧', "unknown layer parameter 'q2'; expected k, s, p, d, f, op or ceil");
  assertError('conv out 10x11 k⟦x⟧', "expected a kernel size after 'k', found 'x'");
  assertError('conv out 10x11 k⟦K⟧', 'write k=K for a symbol');
  assertError('conv out 10x11 k⟦3y⟧', "expected a kernel size after 'k', found '3y'");
  assertError('conv out 10x11 k3 s⟦S⟧', "expected a stride after 's'");
  assertError('conv out 10x11 k3 p⟦P⟧', "expected a padding after 'p'");
  assertError('conv out 10x11 k3 ⟦same⟧', 'write p=same');
  assertError('conv out 10x11 k3 stride⟦2⟧', "expected '=' after 'stride'");
  assertError('conv out 10x11 kernel ⟦3⟧', "expected '=' after 'kernel'");
  assertError('conv out 10x11 k ⟦3⟧', "expected a kernel size after 'k'");
  assertError('conv out 10x11 k3 ⟦k5⟧', 'the kernel is given twice');
  assertError('conv out 10x11 k3 s2 ⟦stride=1⟧', 'the stride is given twice');
  assertError('conv out 10x11 k=3 p1 ⟦p=same⟧', 'the padding is given twice');
  assertError('conv out 10x11 k⟦=⟧', "expected a kernel size after 'k='");
  assertError('conv out 10x11 k=⟦same⟧', "'same' is only a padding");
  assertError('conv out 10x11 k=⟦,⟧', "expected a kernel size after 'k='");
  assertError('conv out 10x11 k3 f=⟦3x4⟧', "'f' takes one value");
  assertError('conv out 10x11 k3 ⟦3⟧', 'expected a layer parameter such as k3 or s2');
  assertError('conv out 10x11 k=⟦(⟧3, 5', "unclosed '(' opened here");
});

test('layer shorthand: missing out, missing dims, bad claimed shape, unknown layer', () => {
  assertError('conv ⟦10x11⟧ k3 s2', "expected 'out' after 'conv', found '10x11'");
  assertError('conv2d ⟦k3⟧', "expected 'out' after 'conv2d'");
  assertError('conv ⟦out⟧', "expected the input dims after 'out'");
  assertError('conv out ⟦k3⟧ s2', "expected the input dims after 'out', found 'k3'");
  assertError('conv out 10x11 k3 s2 ⟦=⟧', "expected the claimed shape after '='");
  assertError('conv out 10x11 k3 s2 = 4x5 ⟦extra⟧', "unexpected 'extra' after the claimed shape");
  assertError('⟦maxpool⟧ out 9x9 k2', "unknown layer 'maxpool'");
  assertError('⟦conv2D⟧ out 3x9x9 k2', "unknown layer 'conv2D'");
});

test('params errors', () => {
  assertError('⟦params⟧', "expected a layer after 'params'");
  assertError('params ⟦pool2d⟧ k3', "expected a layer after 'params'");
  assertError('params conv2d k3 c=3 ⟦c=4⟧', 'the number of input channels is given twice');
  assertError('params conv2d ⟦q⟧=3', "unknown parameter 'q'; expected k, c, f, g or nobias");
  assertError('params conv2d k3 c=3 f=96 ⟦=⟧', "expected the claimed number of parameters after '='");
  assertError('params conv2d k3 c=⟦3x4⟧', "'c' takes one value");
  assertError('params linear ⟦10⟧', "expected the in and out features after 'linear'");
  assertError('params ⟦linear⟧', "expected the in and out features after 'linear'");
  assertError('params linear 1 2 ⟦3⟧', 'this is a third');
  assertError('params linear 1 2 nobias ⟦nobias⟧', "'nobias' is given twice");
  assertError('params linear 1 2 ⟦,⟧', "expected the in and out features");
});

test('let errors, including a shape written after =', () => {
  assertError('⟦let⟧', "expected a name after 'let'");
  assertError('let ⟦3⟧ = 4', "expected a name after 'let', found '3'");
  assertError('let ⟦x⟧', "expected ':' or '=' after 'let x'");
  assertError('let x ⟦==⟧ 3', "expected ':' or '=' after 'let x', found '=='");
  assertError('let x ⟦:⟧', "expected a shape after 'let x :'");
  assertError('let x ⟦=⟧', "expected a value after 'let x ='");
  assertError('let x = ⟦2x5⟧', "write 'let x : ...'");
  assertError('let x : 2x5 ⟦y⟧', "unexpected 'y' after the shape");
  assertError('let x = [1, 2] ⟦3⟧', "unexpected '3' after the value");
});

test('math errors', () => {
  assertError('math ⟦10⟧', "expected a binding such as W=10 after 'math', found '10'");
  assertError('math ⟦W⟧', "expected '=' after 'W'");
  assertError('math W ⟦K⟧', "expected '=' after 'W', found 'K'");
  assertError('math W⟦=⟧', "expected a value after 'W='");
  assertError('math W=1 ⟦W⟧=2', "'W' is bound twice");
  assertError('math W⟦=⟧, K=3', "expected a value after 'W='");
});

test('claim errors at the top level', () => {
  assertError('⟦=⟧ 4', "expected an expression before '='");
  assertError('⟦:⟧ 2x3', "expected an expression before ':'");
  assertError('x ⟦:⟧', "expected a shape after ':'");
  assertError('x ⟦=⟧', "expected the claimed value after '='");
  assertError('a ⟦==⟧', "expected an expression after '=='");
  assertError('a == b ⟦c⟧', "unexpected 'c' after the expression");
  assertError('a ⟦<=⟧ b', "'<=' is not a claim");
  assertError('a ⟦!=⟧ b', "'!=' is not a claim");
  assertError('x ⟦y⟧', "unexpected 'y' after the expression; expected ':', '=' or '=='");
  assertError('2⟦^⟧3', "write powers as '**'");
  assertError('x = [1, 2] ⟦3⟧', "unexpected '3' after the claimed value");
});

test('expression errors point at the token', () => {
  assertError('f⟦(⟧x', "unclosed '(' opened here");
  assertError('f(((⟦(⟧', "unclosed '(' opened here");
  assertError('⟦[⟧[1,2],[3,4]', "unclosed '[' opened here");
  assertError('f(x, ⟦(⟧1, 2', "unclosed '(' opened here");
  assertError('x⟦)⟧', "unmatched ')'");
  assertError('f(x ⟦]⟧', "expected ')' to close the '(', found ']'");
  assertError('x⟦[]⟧', "expected an index inside '[]'");
  assertError('x[1:2:3⟦:⟧4]', "expected ']' to close the '[', found ':'");
  assertError('f(a=1, ⟦2⟧)', 'a positional argument cannot follow a keyword argument');
  assertError('f(a=1, ⟦a⟧=2)', "keyword argument 'a' is given twice");
  assertError('f(a⟦=⟧)', "expected a value after 'a='");
  assertError('(a+b)⟦(⟧c)', 'only a named function can be called');
  assertError('x⟦.⟧', "expected a name after '.'");
  assertError('x.⟦(⟧', "expected a name after '.'");
  assertError('a ⟦//⟧ b', "'//' is not supported");
  assertError('a ⟦%⟧ b', "'%' is not supported");
  assertError('f(a, ⟦,⟧ b)', "expected an expression, found ','");
  assertError('⟦10x11⟧ + 1', "'10x11' is a shape, not a value");
  assertError('⟦2m⟧ + 1', "'2m' is neither a number nor a name");
  assertError('⟦\\sigma⟧(x)', "expected an expression, found '\\sigma'");
});

test('shape errors point at the token', () => {
  assertError('x : 2 x 5 ⟦x⟧', "expected a dim after 'x'");
  assertError('x : ⟦10xx⟧', "invalid dim '10xx'");
  assertError('x : ⟦4.5⟧', "a dim must be a whole number, found '4.5'");
  assertError('x : R⟦^⟧', "expected a dim or '{' after '^'");
  assertError('x : R^⟦{⟧2 x 3', "unclosed '{' opened here");
  assertError('x : floor⟦(⟧H', "unclosed '(' opened here");
  assertError('x : 2 ⟦+⟧', "expected a dim after '+'");
  assertError('x : (2, 3) ⟦4⟧', "unexpected '4' after the shape");
  assertError('x : ⟦×⟧ 3', "expected a dim before '×'");
  // A lone x where a dim is expected is a symbol named x, so the error is what follows it.
  assertError('x : x ⟦3⟧', "unexpected '3' after the shape");
});

test('characters no form accepts: control characters, zero-width spaces, emoji, lone surrogates', () => {
  assertError('x⟦\u0007⟧ = 3', 'unexpected character U+0007');
  assertError('x = 3 ⟦\u0000⟧', 'unexpected character U+0000');
  assertError('x⟦\u200b⟧ = 3', 'unexpected character U+200B');
  assertError('x : 2x⟦😀⟧', "unexpected character '😀'");
  assertError('⟦\ud800⟧ x', 'unexpected character U+D800');
  assertError("einsum(⟦'⟧ij, a)", "unterminated string: no closing '");
  // Inside a string anything goes.
  assert.equal(showStmt(parseBlock("einsum('😀\u0007', a)")[0]), 'claim einsum("😀\\u0007", a)');
});

test('nesting beyond the depth limit is an error on the bracket that crosses it, not a stack overflow', () => {
  const deep = '('.repeat(10000) + 'x' + ')'.repeat(10000);
  const [s] = parseBlock(deep);
  assert.equal(s.type, 'invalid');
  if (s.type === 'invalid') {
    assert.match(s.message, /nesting deeper than \d+ levels/);
    assert.deepEqual(s.errorSpan, { start: MAX_DEPTH, end: MAX_DEPTH + 1 });
  }
  for (const text of ['['.repeat(10000), '-'.repeat(10000) + 'x', '2' + '**2'.repeat(10000), 'x : ' + '('.repeat(10000) + '1', 'conv out 10 k=' + '('.repeat(10000) + '3', 'f(' + 'g('.repeat(10000)]) {
    const r = parseBlock(text);
    assert.equal(r.length, 1);
    assert.equal(r[0].type, 'invalid', text.slice(0, 20));
  }
  const shape = parseShapeText('('.repeat(10000) + '1' + ')'.repeat(10000));
  assert.equal(shape.ok, false);
});

test('nesting up to the limit parses', () => {
  const text = '['.repeat(MAX_DEPTH) + '1' + ']'.repeat(MAX_DEPTH);
  assert.equal(parseBlock(text)[0].type, 'claim');
  assert.equal(parseBlock('[' + text + ']')[0].type, 'invalid');
});

test('a long left-deep chain is refused before it can overflow a recursive evaluator', () => {
  const [s] = parseBlock('x' + ' + x'.repeat(5000));
  assert.equal(s.type, 'invalid');
  if (s.type === 'invalid') assert.match(s.message, /nests more than \d+ operations/);
  // A long flat list is fine: its depth does not grow with its length.
  const [l] = parseBlock('let x = [' + Array.from({ length: 5000 }, (_, i) => i).join(',') + ']');
  assert.equal(l.type, 'letValue');
  if (l.type === 'letValue' && l.expr.type === 'list') assert.equal(l.expr.items.length, 5000);
});

test('a 1 MB claim is parsed without throwing', () => {
  const big = 'let x = [' + Array.from({ length: 220000 }, (_, i) => String(i % 10) + '.5').join(', ') + ']';
  assert.ok(big.length > 1_000_000);
  const [s] = parseBlock(big);
  assert.equal(s.type, 'letValue');
  const name = parseBlock('a'.repeat(1 << 20) + ' = 3');
  assert.equal(name[0].type, 'claim');
  const junk = parseBlock('x : ' + '2x'.repeat(500000));
  assert.equal(junk[0].type, 'invalid');
  if (junk[0].type === 'invalid') assert.ok(junk[0].message.length < 200, 'a long token is cut in the message');
});

test('arbitrary input never throws and every span stays inside the text', () => {
  const alphabet = ['(', ')', '[', ']', '{', '}', ',', ':', ';', '=', '==', 'x', 'k3', ' ', '\n', "'", '"', '-', '**', '.', '...', 'conv', 'out', 'let', 'math', 'params', 'linear', 'R^', '\\times', '😀', '\u0000', '3', '1e-3', 'None', 'p=same', 'HxW'];
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < 2000; i++) {
    let text = '';
    const len = rand(12);
    for (let j = 0; j < len; j++) text += alphabet[rand(alphabet.length)];
    const stmts = parseBlock(text);
    for (const s of stmts) {
      assert.ok(0 <= s.span.start && s.span.start <= s.span.end && s.span.end <= text.length, text);
      if (s.type === 'invalid') {
        assert.ok(s.errorSpan.start >= s.span.start && s.errorSpan.end <= s.span.end, `${JSON.stringify(text)}: ${s.message}`);
        assert.ok(s.message.length > 0);
      }
    }
  }
});

test('messages quote long tokens cut short', () => {
  const long = 'a'.repeat(100000);
  for (const text of [`let ${long}`, `math ${long}`, `conv out 10 k3 ${long}`, `${long}x out 3 k3`, `x : 2_${long}`]) {
    const [s] = parseBlock(text);
    assert.equal(s.type, 'invalid', text.slice(0, 30));
    if (s.type === 'invalid') assert.ok(s.message.length < 300, s.message.slice(0, 300));
  }
});
