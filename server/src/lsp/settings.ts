/**
 * The `derivcheck.*` settings as the server uses them. Values come from the client per document
 * (a folder may override the user's settings); anything malformed falls back to the default rather
 * than failing, because a typo in settings.json should not silence the checker.
 */

import { SETTINGS, type Convention, type Layout } from '../claims/ast';

export type RunMode = 'onType' | 'onSave';

export interface Settings {
  enable: boolean;
  run: RunMode;
  inlayHints: { enabled: boolean };
  /** null: the digits written in the claim decide (spec section 5). */
  tolerance: number | null;
  maxTensorElements: number;
  /** The convention and layout before any `convention`/`layout` statement (spec section 3b). */
  convention: Convention;
  layout: Layout;
}

export const defaultSettings: Settings = Object.freeze({
  enable: true,
  run: 'onType',
  inlayHints: Object.freeze({ enabled: true }),
  tolerance: null,
  maxTensorElements: 10_000_000,
  convention: 'pytorch',
  layout: 'channels_first',
}) as Settings;

export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const hints = (r.inlayHints && typeof r.inlayHints === 'object' ? r.inlayHints : {}) as Record<string, unknown>;
  const max = r.maxTensorElements;
  const tol = r.tolerance;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : defaultSettings.enable,
    run: r.run === 'onSave' || r.run === 'onType' ? r.run : defaultSettings.run,
    inlayHints: {
      enabled: typeof hints.enabled === 'boolean' ? hints.enabled : defaultSettings.inlayHints.enabled,
    },
    tolerance: typeof tol === 'number' && Number.isFinite(tol) && tol >= 0 ? tol : null,
    maxTensorElements:
      typeof max === 'number' && Number.isFinite(max) && max >= 1 ? Math.floor(max) : defaultSettings.maxTensorElements,
    convention: oneOf(SETTINGS.convention, r.convention, defaultSettings.convention),
    layout: oneOf(SETTINGS.layout, r.layout, defaultSettings.layout),
  };
}

function oneOf<T extends string>(allowed: readonly T[], v: unknown, fallback: T): T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

/**
 * Settings per document URI, fetched once per document. Every request on a document awaits them
 * (`get`): a check under other options (the defaults, before the client has answered) would
 * supersede the check being published and leave the document without diagnostics.
 */
export class SettingsStore {
  private readonly resolved = new Map<string, Settings>();
  private readonly pending = new Map<string, Promise<Settings>>();
  private generation = 0;

  /** `fetch` is undefined when the client cannot answer workspace/configuration: defaults apply. */
  constructor(private readonly fetch: ((uri: string) => Promise<unknown>) | undefined) {}

  get(uri: string): Promise<Settings> {
    const known = this.resolved.get(uri);
    if (known) return Promise.resolve(known);
    if (!this.fetch) return Promise.resolve(defaultSettings);
    let p = this.pending.get(uri);
    if (!p) {
      const generation = this.generation;
      p = this.fetch(uri).then(
        (raw) => normalizeSettings(raw),
        () => defaultSettings,
      ).then((s) => {
        // A configuration change while the request was in flight makes its answer stale.
        if (generation === this.generation) {
          this.resolved.set(uri, s);
          this.pending.delete(uri);
        }
        return s;
      });
      this.pending.set(uri, p);
    }
    return p;
  }

  forget(uri: string): void {
    this.resolved.delete(uri);
    this.pending.delete(uri);
  }

  clear(): void {
    this.generation++;
    this.resolved.clear();
    this.pending.clear();
  }
}
