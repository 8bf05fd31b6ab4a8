/**
 * Reverse-mode automatic differentiation over the tape recorded by the ops (see tape.ts).
 *
 * A backward pass visits, in reverse topological order, only the tensors that lie on a path from the
 * output to the target, and asks each op only for the input gradients that lead to the target.
 * Results of grad/jacobian are constants: differentiating through them again (second order) is
 * refused with a clear error instead of silently giving zero.
 */
import { OpFailure } from './errors';
import type { Budget } from './limits';
import { concrete, fmt, numel } from './shape';
import { accumulate } from './tape';
import { Tensor } from './tensor';

/** For a tensor made by grad/jacobian: the tensors of the graph it was differentiated through. */
const derivedFrom = new WeakMap<Tensor, Set<Tensor>>();

export interface BackwardPlan {
  root: Tensor;
  target: Tensor;
  /** Tensors with a node, on a path from root to target, in reverse topological order (root first). */
  order: Tensor[];
  /** Whether the target is reachable from the root at all. */
  reaches: boolean;
  graph: Set<Tensor>;
  /** The tensors whose gradient is wanted: `order` and the target. */
  leads: Set<Tensor>;
}

export function planBackward(root: Tensor, target: Tensor): BackwardPlan {
  // Iterative DFS for a post-order (deep graphs must not overflow the stack).
  const post: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: { t: Tensor; i: number }[] = [{ t: root, i: 0 }];
  seen.add(root);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const inputs = top.t.node?.inputs ?? [];
    if (top.i < inputs.length) {
      const next = inputs[top.i++];
      if (!seen.has(next)) {
        seen.add(next);
        stack.push({ t: next, i: 0 });
      }
    } else {
      post.push(top.t);
      stack.pop();
    }
  }
  // leads[t]: the target is reachable from t. Post-order visits inputs before their users.
  const leads = new Set<Tensor>();
  for (const t of post) {
    if (t === target || (t.node?.inputs.some((x) => leads.has(x)) ?? false)) leads.add(t);
  }
  for (const t of seen) {
    const deps = derivedFrom.get(t);
    if (deps && deps.has(target)) {
      throw new OpFailure('this differentiates through the result of grad/jacobian (a second-order derivative), which is not supported', 'eval');
    }
  }
  const order = post.filter((t) => t.node && leads.has(t) && t !== target).reverse();
  const wanted = new Set<Tensor>(order);
  wanted.add(target);
  return { root, target, order, reaches: leads.has(root), graph: seen, leads: wanted };
}

/** One backward pass: the gradient of Σ seed·root with respect to the target. */
export function runBackward(plan: BackwardPlan, seed: Float64Array, budget: Budget): Float64Array {
  const tgtLen = plan.target.data?.length ?? 0;
  if (!plan.reaches) return new Float64Array(tgtLen);
  const grads = new Map<Tensor, Float64Array>();
  grads.set(plan.root, Float64Array.from(seed));
  const leads = plan.leads;
  for (const t of plan.order) {
    const g = grads.get(t);
    const node = t.node;
    if (!g || !node) continue;
    budget.checkTime();
    grads.delete(t); // free memory early; each tensor is visited once
    const need = node.inputs.map((x) => leads.has(x));
    const gin = node.backward(g, need);
    node.inputs.forEach((x, i) => {
      const gi = gin[i];
      if (!need[i] || !gi) return;
      const prev = grads.get(x);
      // Copy on first store: ops may hand back arrays they share with others (reshape passes g on).
      if (prev) accumulate(prev, gi);
      else grads.set(x, Float64Array.from(gi));
    });
  }
  return grads.get(plan.target) ?? new Float64Array(tgtLen);
}

function markDerived(out: Tensor, plan: BackwardPlan): Tensor {
  const deps = new Set(plan.graph);
  for (const t of plan.graph) for (const d of derivedFrom.get(t) ?? []) deps.add(d);
  derivedFrom.set(out, deps);
  return out;
}

/** d l / d x for a scalar l (any one-element tensor, as torch.autograd.grad accepts). */
export function gradOf(l: Tensor, x: Tensor, budget: Budget): Tensor {
  const dims = concrete(l.shape);
  if (!(l.rank === 0 || (dims !== null && numel(dims) === 1))) {
    throw new OpFailure(`grad: the first argument must be a scalar, but it has shape ${fmt(l.shape)} (sum it first, or use jacobian)`, 'operand-shapes', 0);
  }
  if (!l.data || !x.data) {
    const t = new Tensor(x.shape, null);
    t.missing = (l.data ? x.missing : l.missing) ?? x.missing;
    return t;
  }
  const plan = planBackward(l, x);
  const g = runBackward(plan, Float64Array.of(1), budget);
  return markDerived(new Tensor(x.shape, g), plan);
}

/** As torch.autograd.functional.jacobian: shape y.shape + x.shape, one backward pass per output element. */
export function jacobianOf(y: Tensor, x: Tensor, budget: Budget): Tensor {
  const shape = [...y.shape, ...x.shape];
  if (!y.data || !x.data) {
    const t = new Tensor(shape, null);
    t.missing = (y.data ? x.missing : y.missing) ?? x.missing;
    return t;
  }
  const m = y.data.length;
  const n = x.data.length;
  budget.checkElements(m * n, `the jacobian (${fmt(shape)})`);
  const plan = planBackward(y, x);
  const out = new Float64Array(m * n);
  if (plan.reaches) {
    const seed = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      seed.fill(0);
      seed[i] = 1;
      out.set(runBackward(plan, seed, budget), i * n);
    }
  }
  return markDerived(new Tensor(shape, out), plan);
}

export function isInGraph(root: Tensor, t: Tensor): boolean {
  const seen = new Set<Tensor>([root]);
  const stack = [root];
  while (stack.length) {
    const u = stack.pop() as Tensor;
    if (u === t) return true;
    for (const x of u.node?.inputs ?? []) {
      if (!seen.has(x)) {
        seen.add(x);
        stack.push(x);
      }
    }
  }
  return false;
}
