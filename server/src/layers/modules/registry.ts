/** Every module kind the claim language knows (spec section 3a), by PyTorch's class name. */
import { activation } from './activation';
import { CtorArgs } from './args';
import { attention } from './attention';
import { conv } from './conv';
import { embedding } from './embedding';
import { linear } from './linear';
import { norm } from './norm';
import { pool } from './pool';
import { rnn } from './rnn';
import { sequential } from './sequential';
import { transformer } from './transformer';
import type { CtorValue, ModuleInstance, ModuleKind } from './types';

const KINDS: readonly ModuleKind[] = [linear, conv, pool, norm, embedding, rnn, attention, transformer, activation, sequential];

const BY_NAME = new Map<string, ModuleKind>();
for (const k of KINDS) for (const n of k.names) BY_NAME.set(n, k);

export const MODULE_NAMES: readonly string[] = [...BY_NAME.keys()];

export function isModuleName(name: string): boolean {
  return BY_NAME.has(name);
}

/** Builds `name(args)`; a ModuleError when PyTorch's constructor would raise. */
export function construct(name: string, positional: readonly CtorValue[], keywords: readonly { name: string; value: CtorValue }[]): ModuleInstance {
  const kind = BY_NAME.get(name);
  if (!kind) throw new Error(`unknown module ${name}`);
  return kind.build(name, new CtorArgs(name, kind.sig(name), positional, keywords));
}
