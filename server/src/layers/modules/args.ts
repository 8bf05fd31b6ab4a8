/**
 * Python's argument binding for constructor calls (positionals in order, then keywords, defaults
 * from the signature), with typed readers whose errors name the argument as PyTorch would.
 */
import { constDim, dimValue, formatDim, type Dim } from '../../dims';
import { ModuleError, type CtorValue, type ModuleInstance } from './types';

export function formatCtorValue(v: CtorValue): string {
  switch (v.kind) {
    case 'int': return formatDim(v.dim);
    case 'float': return String(v.value);
    case 'bool': return v.value ? 'True' : 'False';
    case 'str': return `'${v.value}'`;
    case 'none': return 'None';
    case 'tuple': return v.items.length === 1 ? `(${formatCtorValue(v.items[0])},)` : `(${v.items.map(formatCtorValue).join(', ')})`;
    case 'module': return v.module.children ? `${v.module.kind}(…)` : v.module.text;
  }
}

function describe(v: CtorValue): string {
  switch (v.kind) {
    case 'module': return `a module (${v.module.kind})`;
    case 'tuple': return `the tuple ${formatCtorValue(v)}`;
    default: return formatCtorValue(v);
  }
}

export class CtorArgs {
  private readonly byName = new Map<string, CtorValue>();
  readonly rest: CtorValue[] = [];

  constructor(
    readonly kind: string,
    readonly sig: readonly string[],
    readonly positional: readonly CtorValue[],
    readonly keywords: readonly { name: string; value: CtorValue }[],
  ) {
    const names = sig.filter((p) => !p.startsWith('*')).map((p) => p.replace(/=.*$/, ''));
    const star = sig.findIndex((p) => p.startsWith('*'));
    const before = star < 0 ? names.length : star;
    positional.forEach((v, i) => {
      if (i < before) this.byName.set(names[i], v);
      else if (star >= 0) this.rest.push(v);
      else throw new ModuleError(`${kind}.__init__() takes ${names.length} positional argument${names.length === 1 ? '' : 's'} but ${positional.length} were given`);
    });
    for (const { name, value } of keywords) {
      if (!names.includes(name)) throw new ModuleError(`${kind}.__init__() got an unexpected keyword argument '${name}' (its arguments: ${sig.join(', ')})`, name);
      if (this.byName.has(name)) throw new ModuleError(`${kind}.__init__() got multiple values for argument '${name}'`, name);
      this.byName.set(name, value);
    }
    const missing = sig.filter((p) => !p.includes('=') && !p.startsWith('*') && !this.byName.has(p));
    if (missing.length) {
      throw new ModuleError(`${kind}.__init__() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${missing.map((m) => `'${m}'`).join(' and ')}`);
    }
  }

  /** The call as written, with PyTorch's class name: `Conv2d(3, 8, 3, padding=1)`. */
  text(): string {
    const parts = [...this.positional.map(formatCtorValue), ...this.keywords.map((k) => `${k.name}=${formatCtorValue(k.value)}`)];
    return `${this.kind}(${parts.join(', ')})`;
  }

  private raw(name: string): CtorValue | undefined {
    if (this.byName.has(name)) return this.byName.get(name);
    const p = this.sig.find((s) => s.replace(/=.*$/, '') === name);
    const d = p?.includes('=') ? p.slice(p.indexOf('=') + 1) : undefined;
    if (d === undefined) return undefined;
    return parseDefault(d);
  }

  given(name: string): boolean {
    return this.byName.has(name);
  }

  isNone(name: string): boolean {
    const v = this.raw(name);
    return v === undefined || v.kind === 'none';
  }

  /** A whole number (possibly symbolic), at least `min` when known. */
  int(name: string, min = 0): Dim {
    const v = this.raw(name);
    const d = v ? asInt(v) : undefined;
    if (!d) throw new ModuleError(`${this.kind}: ${name} must be a whole number, got ${v ? describe(v) : 'nothing'}`, name);
    const n = dimValue(d);
    if (n !== undefined && n < min) throw new ModuleError(`${this.kind}: ${name} must be at least ${min}, got ${n}`, name);
    return d;
  }

  /** A whole number that must be known (`num_layers`, `groups` used in arithmetic). */
  num(name: string, min = 0): number {
    const d = this.int(name, min);
    const n = dimValue(d);
    if (n === undefined) throw new ModuleError(`${this.kind}: ${name} must be a number here, not ${formatDim(d)}`, name);
    return n;
  }

  /** An int or a tuple of `nd` ints (`kernel_size=3`, `stride=(2, 1)`). */
  ints(name: string, nd: number, min = 0): Dim[] {
    const v = this.raw(name);
    if (v?.kind === 'tuple') {
      if (v.items.length !== nd) throw new ModuleError(`${this.kind}: ${name} must be an int or a tuple of ${nd} ints, got ${describe(v)}`, name);
      return v.items.map((x) => {
        const d = asInt(x);
        if (!d) throw new ModuleError(`${this.kind}: ${name} must hold whole numbers, got ${describe(v)}`, name);
        const n = dimValue(d);
        if (n !== undefined && n < min) throw new ModuleError(`${this.kind}: ${name} must be at least ${min}, got ${describe(v)}`, name);
        return d;
      });
    }
    const d = this.int(name, min);
    return Array.from({ length: nd }, () => d);
  }

  float(name: string): number {
    const v = this.raw(name);
    if (v?.kind === 'float') return v.value;
    const d = v ? asInt(v) : undefined;
    const n = d && dimValue(d);
    if (n === undefined || n === null) throw new ModuleError(`${this.kind}: ${name} must be a number, got ${v ? describe(v) : 'nothing'}`, name);
    return n;
  }

  bool(name: string): boolean {
    const v = this.raw(name);
    if (v?.kind === 'bool') return v.value;
    if (v?.kind === 'int' && (dimValue(v.dim) === 0 || dimValue(v.dim) === 1)) return dimValue(v.dim) === 1;
    throw new ModuleError(`${this.kind}: ${name} must be True or False, got ${v ? describe(v) : 'nothing'}`, name);
  }

  str(name: string, allowed: readonly string[]): string {
    const v = this.raw(name);
    if (v?.kind === 'str' && allowed.includes(v.value)) return v.value;
    throw new ModuleError(`${this.kind}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${v ? describe(v) : 'nothing'}`, name);
  }

  value(name: string): CtorValue | undefined {
    return this.raw(name);
  }

  /** Arguments PyTorch accepts but that change nothing here (device, dtype): accepted, ignored. */
  modules(): ModuleInstance[] {
    return this.rest.map((v, i) => {
      if (v.kind !== 'module') throw new ModuleError(`${this.kind}: argument ${i} is not a Module subclass (got ${describe(v)})`);
      return v.module;
    });
  }
}

function asInt(v: CtorValue): Dim | undefined {
  if (v.kind === 'int') return v.dim;
  if (v.kind === 'bool') return constDim(v.value ? 1 : 0);
  return undefined;
}

function parseDefault(d: string): CtorValue {
  if (d === 'None') return { kind: 'none' };
  if (d === 'True' || d === 'False') return { kind: 'bool', value: d === 'True' };
  if (/^'.*'$/.test(d)) return { kind: 'str', value: d.slice(1, -1) };
  const n = Number(d);
  if (Number.isInteger(n) && !d.includes('.') && !d.includes('e')) return { kind: 'int', dim: constDim(n) };
  return { kind: 'float', value: n };
}
