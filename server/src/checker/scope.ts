/**
 * What `let` statements and `math` definitions have bound so far, in document order. A scope is
 * copied before a block changes it, so the scope a cached block saw stays valid for reuse.
 */
import type { Convention, Derivatives, Layout } from '../claims/ast';
import type { Tensor } from '../engine';
import type { ModuleInstance } from '../layers/modules';

/** How later claims are computed (spec section 3b); set by `convention`/`layout`/`derivatives`, replaced, never mutated. */
export interface ClaimSettings {
  convention: Convention;
  layout: Layout;
  derivatives: Derivatives;
}

export const DEFAULT_CLAIM_SETTINGS: ClaimSettings = Object.freeze({ convention: 'pytorch', layout: 'channels_first', derivatives: 'pytorch' });

export class Scope {
  constructor(
    readonly tensors: Map<string, Tensor> = new Map(),
    readonly symbols: Map<string, number> = new Map(),
    public settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS,
    /** `let net = nn.Sequential(...)` (section 3a). */
    readonly modules: Map<string, ModuleInstance> = new Map(),
  ) {}

  clone(): Scope {
    return new Scope(new Map(this.tensors), new Map(this.symbols), this.settings, new Map(this.modules));
  }

  bindModule(name: string, m: ModuleInstance): void {
    this.modules.set(name, m);
    this.tensors.delete(name);
    this.symbols.delete(name);
  }

  /** A later binding of the same name shadows the earlier one, whatever its kind. */
  bindTensor(name: string, t: Tensor, scalarValue: number | null): void {
    this.modules.delete(name);
    this.tensors.set(name, t);
    if (scalarValue !== null) this.symbols.set(name, scalarValue);
    else this.symbols.delete(name);
  }
}

