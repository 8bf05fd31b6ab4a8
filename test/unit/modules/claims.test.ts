/**
 * Module claims through the whole checker (section 3a): binding modules with `let`, calling them,
 * indexing tuples and Sequentials, the `params` shorthand, the queries, and the errors a student
 * meets. Counts here are PyTorch 1.13's (the same numbers as test/golden/modules.json and the spec).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../checker/fixture';

function one(text: string) {
  const rs = check(text);
  assert.equal(rs.length, 1, rs.map((r) => r.message).join(' | '));
  return rs[0];
}

const LENET = '<!-- check: let net = nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10)); let x : 1x1x32x32 -->\n\n';

test('params of constructors, the shorthand and a Sequential (torch: 2560, 4800, 61706)', () => {
  assert.equal(one('<!-- check: params(nn.LSTM(10, 20)) = 2560 -->').status, 'pass');
  assert.equal(one('<!-- check: params nn.LSTM(10, 20) = 2560 -->').status, 'pass');
  assert.equal(one('<!-- check: params LSTM(10, 20) = 2561 -->').status, 'fail');
  assert.equal(one('<!-- check: params(torch.nn.GRU(16, 32)) = 4800 -->').status, 'pass');
  const r = one(`${LENET}<!-- check: params net -->\nThe network has 61,706 parameters.\n`);
  assert.equal(r.status, 'pass', r.message);
  assert.equal(r.computed, 61706);
  assert.equal(r.layers?.length, 12);
  assert.deepEqual(r.layers?.[7], { layer: '[7] Linear(400, 120)', output: '—', params: '48120' });
});

test('a Sequential applied, sliced and indexed gives PyTorch shapes; the hover has the layers', () => {
  const r = one(`${LENET}<!-- check: net(x) : 1x10 -->`);
  assert.equal(r.status, 'pass', r.message);
  assert.equal(r.layers?.length, 12);
  assert.deepEqual(r.layers?.[0], { layer: '[0] Conv2d(1, 6, 5)', output: '1×6×28×28', params: '156' });
  assert.equal(one(`${LENET}<!-- check: net[:3](x) : 1x6x14x14 -->`).status, 'pass');
  assert.equal(one(`${LENET}<!-- check: net[-1](zeros(2, 84)) : 2x10 -->`).status, 'pass');
  assert.equal(one(`${LENET}<!-- check: params(net[7]) = 48120 -->`).status, 'pass');
  const bad = one(`${LENET}<!-- check: net[12] -->`);
  assert.equal(bad.status, 'error');
  assert.match(bad.message, /index 12 is out of range/);
});

test('MACs, FLOPs, activations, memory and the receptive field of LeNet', () => {
  // conv1 6·28·28·25 + conv2 16·10·10·150 + fc 400·120 + 120·84 + 84·10 (no bias).
  assert.equal(one(`${LENET}<!-- check: macs(net, x) = 416520 -->`).status, 'pass');
  assert.equal(one(`${LENET}<!-- check: flops(net, x) = 833040 -->`).status, 'pass');
  assert.equal(one(`${LENET}<!-- check: activations(net, x) = 15002 -->`).status, 'pass');
  assert.equal(one(`${LENET}<!-- check: memory(x) = 4096 -->`).status, 'pass');
  assert.equal(one(`${LENET}<!-- check: memory(x, dtype=torch.float16) = 2048 -->`).status, 'pass');
  assert.equal(one(`${LENET}<!-- check: memory(net, x) = 60008 -->`).status, 'pass');
  assert.equal(one(`${LENET}<!-- check: receptive_field(net[:6]) = 16 -->`).status, 'pass');
  const rf = one(`${LENET}<!-- check: receptive_field(net) -->`);
  assert.equal(rf.status, 'error');
  assert.match(rf.message, /layer 6 \(Flatten\(\)\) is not a conv or pool layer/);
  const shaped = one('<!-- check: receptive_field(nn.Sequential(nn.Conv2d(1, 1, (3, 5)), nn.MaxPool2d(2))) : 4x6 -->');
  assert.equal(shaped.status, 'pass', shaped.message);
});

test('RNN and attention tuples must be indexed; the unindexed claim says so', () => {
  const pre = '<!-- check: let lstm = nn.LSTM(10, 20, num_layers=2, bidirectional=True); let s : 7x3x10 -->\n\n';
  assert.equal(one(`${pre}<!-- check: lstm(s)[0] : 7x3x40 -->`).status, 'pass');
  assert.equal(one(`${pre}<!-- check: lstm(s)[1][1] : 4x3x20 -->`).status, 'pass');
  const bare = one(`${pre}<!-- check: lstm(s) : 7x3x40 -->`);
  assert.equal(bare.status, 'error');
  assert.match(bare.message, /tuple \(output, \(h_n, c_n\)\).*index it/);
  const mha = '<!-- check: let att = nn.MultiheadAttention(16, 4); let q : 5x2x16; let k : 9x2x16 -->\n\n';
  assert.equal(one(`${mha}<!-- check: att(q, k, k)[1] : 2x5x9 -->`).status, 'pass');
  assert.equal(one(`${mha}<!-- check: att(q, k, k, average_attn_weights=False)[1] : 2x4x5x9 -->`).status, 'pass');
});

test('a module applied to the wrong input is an error with the sizes PyTorch names', () => {
  const r = one('<!-- check: let h : 4x100 -->\n\n<!-- check: nn.Linear(120, 84)(h) : 4x84 -->');
  assert.equal(r.status, 'error');
  assert.match(r.message, /mat1 and mat2 shapes cannot be multiplied \(4x100 and 120x84\)/);
  const c = one(`${LENET}<!-- check: net(zeros(1, 3, 32, 32)) : 1x10 -->`);
  assert.equal(c.status, 'error');
  assert.match(c.message, /layer 0.*expected input\[1, 3, 32, 32\] to have 1 channels, but got 3/);
  const ctor = one('<!-- check: params(nn.Conv2d(3, 8, 3, groups=2)) = 0 -->');
  assert.equal(ctor.status, 'error');
  assert.match(ctor.message, /in_channels must be divisible by groups/);
  const kw = one('<!-- check: params(nn.Linear(3, 4, bais=False)) = 12 -->');
  assert.match(kw.message, /unexpected keyword argument 'bais'/);
});

test('values flow only through layers that need no weights', () => {
  assert.equal(one('<!-- check: nn.ReLU()(tensor([-1.0, 2.0])) = [0, 2] -->').status, 'pass');
  assert.equal(one('<!-- check: nn.LeakyReLU(0.1)(tensor([-1.0, 2.0])) = [-0.1, 2] -->').status, 'pass');
  assert.equal(one('<!-- check: nn.Sequential(nn.MaxPool2d(2), nn.Flatten())(tensor([[[[1, 2], [3, 4]]]])) = [[4]] -->').status, 'pass');
  const w = one('<!-- check: nn.Linear(2, 1)(tensor([1.0, 2.0])) = [3] -->');
  assert.equal(w.status, 'error');
  assert.match(w.message, /has only a shape/);
});

test('symbolic sizes give symbolic shapes', () => {
  const r = one('<!-- check: let x : N x 3 x H x W -->\n\n<!-- check: nn.Conv2d(3, 16, 3, padding=1)(x) : N x 16 x H x W -->');
  assert.equal(r.status, 'pass', r.message);
});

test('a let of a module is shadowed by a later tensor let of the same name', () => {
  const rs = check('<!-- check: let m = nn.ReLU(); let m : 2x2 -->\n\n<!-- check: m : 2x2 -->');
  assert.equal(rs[0].status, 'pass', rs[0].message);
});

test('a receptive field claimed as a square patch means that size along each dim', () => {
  const net = '<!-- check: let net = nn.Sequential(nn.Conv2d(1, 6, 5), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.MaxPool2d(2)) -->\n\n';
  const ok = one(`${net}Each unit sees a 16×16 patch. <!-- check: receptive_field(net) -->`);
  assert.equal(ok.status, 'pass', ok.message);
  const bad = one(`${net}Each unit sees a 14×14 patch. <!-- check: receptive_field(net) -->`);
  assert.equal(bad.status, 'fail');
  assert.equal(bad.fix?.newText, '16×16');
  assert.equal(one(`${net}Each unit sees 16 pixels. <!-- check: receptive_field(net) -->`).status, 'pass');
});

test('a module class used without calling it says to call it', () => {
  const r = one('<!-- check: let net = nn.Sequential(nn.Linear(2, 3), nn.ReLU) -->');
  assert.equal(r.status, 'error');
  assert.match(r.message, /nn\.ReLU is a class: call it/);
});

test('identities see bound modules: activations and pooling get random values in each trial', () => {
  const r = one('<!-- check: let act = nn.Sequential(nn.ReLU(), nn.Flatten()); let x : 2x3x4 -->\n\n<!-- check: act(x) == flatten(relu(x), 1) -->');
  assert.equal(r.status, 'pass', r.message);
  const bad = one('<!-- check: let act = nn.Tanh(); let x : 2x3 -->\n\n<!-- check: act(x) == sigmoid(x) -->');
  assert.equal(bad.status, 'fail', bad.message);
});

test('an nn class the checker does not know is an error that lists the ones it knows', () => {
  const r = one('<!-- check: params(nn.Conv4d(1, 2, 3)) = 0 -->');
  assert.equal(r.status, 'error');
  assert.match(r.message, /nn\.Conv4d is not a module the checker knows; it knows Linear, Bilinear, Conv1d/);
});
