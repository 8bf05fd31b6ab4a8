/**
 * Open documents and their check results. A result is tied to the document version it was computed
 * for; every feature asks for the current version's result, so nothing is ever answered from stale
 * text. Each URI keeps its own CheckCache, so an edit re-evaluates only the blocks it touched.
 */
import type { Convention, Layout } from '../claims/ast';
import type { DocumentKind, SourceDocument } from '../core/document';
import { kindOfPath } from '../core/document';
import type { CheckResult, DocumentCheck } from '../core/result';
import { LineIndex, type LineColumn } from '../core/span';
import type { ResultCounts } from './protocol';
import { editBetween } from '../documents/edit';
import type { ComposedDocument } from '../documents/compose/composed';
import { projectCheck, withProblems } from '../checker/project';
import type { ProjectView } from './latexProjects';
import type { Settings } from './settings';

/** The editor's view of a document: what `TextDocuments` holds. */
export interface EditorDocument {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  getText(): string;
}

export interface CheckerOptions {
  maxElements?: number;
  blockTimeMs?: number;
  tolerance?: number | null;
  convention?: Convention;
  layout?: Layout;
}

/** The checker as the server sees it; injected so features can be tested without the real engine. */
export interface Checker<Cache> {
  newCache(): Cache;
  check(doc: SourceDocument, options: CheckerOptions, cache: Cache): DocumentCheck;
}

/** One document version and what the checker said about it. */
export interface CheckedDocument {
  uri: string;
  version: number;
  kind: DocumentKind;
  text: string;
  /** Built when first asked for (hover, hints, actions): diagnostics use `position`, kept per edit. */
  readonly lines: LineIndex;
  /** Offset to line and column, as `lines.position`, from line starts updated around each edit. */
  position?: (offset: number) => LineColumn;
  check: DocumentCheck;
  /** For a LaTeX file of a project: the joined text it was checked in (an edit in another file changes it). */
  projectText?: string;
}

const languageKinds: Record<string, DocumentKind> = {
  markdown: 'markdown',
  // Quarto's and R Markdown's ids (their extensions' own); without those extensions the files open as
  // Markdown (the client registers .qmd and .Rmd) or are known by their names.
  quarto: 'markdown',
  rmd: 'markdown',
  latex: 'latex',
  tex: 'latex',
};

/** Language id first (an untitled buffer has no extension), then the URI's extension. */
export function kindOf(uri: string, languageId?: string): DocumentKind | undefined {
  const byId = languageId ? languageKinds[languageId] : undefined;
  if (byId) return byId;
  let path = uri;
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  const format = kindOfPath(path);
  // A notebook's cells come one by one (lsp/notebooks.ts); its file is never a text document to check.
  return format === 'notebook' ? undefined : format;
}

export function optionsFor(settings: Settings): CheckerOptions {
  const options: CheckerOptions = { maxElements: settings.maxTensorElements, convention: settings.convention, layout: settings.layout };
  if (settings.tolerance !== null) options.tolerance = settings.tolerance;
  return options;
}

function optionsKey(o: CheckerOptions): string {
  return `${o.maxElements}|${o.blockTimeMs}|${o.tolerance}|${o.convention}|${o.layout}`;
}

interface Entry<Cache> {
  cache: Cache;
  cacheKey: string;
  latest?: CheckedDocument;
  /** Line starts of the last text checked, so the next version's are found around the edit only. */
  lineText?: string;
  lineStarts?: number[];
  timer?: ReturnType<typeof setTimeout>;
}

export class DocumentChecks<Cache> {
  private readonly entries = new Map<string, Entry<Cache>>();

  constructor(
    private readonly checker: Checker<Cache>,
    /** Reports a checker crash; the document then gets a single error result saying so. */
    private readonly onCrash: (uri: string, error: unknown) => void,
    /** The project a LaTeX document is part of (lsp/latexProjects.ts), or undefined when it stands alone. */
    private readonly projectOf?: (uri: string, text: string) => ProjectView | undefined,
  ) {}

  /** The check of exactly this version of the document, computed now if it is not known yet. */
  checkOf(doc: EditorDocument, options: CheckerOptions): CheckedDocument | undefined {
    const kind = kindOf(doc.uri, doc.languageId);
    if (!kind) return undefined;
    const key = optionsKey(options);
    let entry = this.entries.get(doc.uri);
    if (!entry || entry.cacheKey !== key) {
      // Cached block results were computed under other limits: they must not be reused.
      entry = { cache: this.checker.newCache(), cacheKey: key, timer: entry?.timer };
      this.entries.set(doc.uri, entry);
    }
    const text = doc.getText();
    const latest = entry.latest;
    const project = kind === 'latex' && this.projectOf ? this.projectOf(doc.uri, text) : undefined;
    if (latest && latest.version === doc.version && latest.text === text && latest.kind === kind && latest.projectText === project?.doc.text) return latest;
    const checked = project ? this.runProject(doc.uri, doc.version, text, project, options, entry.cache) : this.run(doc.uri, doc.version, kind, text, options, entry.cache);
    const starts = entry.lineText !== undefined && entry.lineStarts ? lineStartsAfterEdit(entry.lineText, entry.lineStarts, text) : lineStartsOf(text, 0, []);
    entry.lineText = text;
    entry.lineStarts = starts;
    checked.position = (offset) => positionIn(starts, text.length, offset);
    entry.latest = checked;
    return checked;
  }

  /** A one-off check of a text that is not (or not necessarily) open; it leaves no state behind. */
  checkText(uri: string, text: string, kind: DocumentKind, options: CheckerOptions): CheckedDocument {
    return this.run(uri, -1, kind, text, options, this.checker.newCache());
  }

  /** A one-off check of a composed document (a notebook file's cells, from Verify All): no state left behind. */
  checkComposed(uri: string, doc: ComposedDocument, options: CheckerOptions): DocumentCheck {
    try {
      const check = this.checker.check({ name: uri, kind: doc.kind, text: doc.text, ...(doc.parts ? { parts: doc.parts } : {}) }, options, this.checker.newCache());
      return withProblems(doc, check);
    } catch (error) {
      this.onCrash(uri, error);
      return { results: [crashResult(error)], lets: [] };
    }
  }

  /** Runs `task` after `delayMs`, replacing any task already waiting for this URI: the debounce. */
  schedule(uri: string, delayMs: number, task: () => void): void {
    const entry = this.entryFor(uri);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      task();
    }, delayMs);
  }

  cancel(uri: string): void {
    const entry = this.entries.get(uri);
    if (entry?.timer) clearTimeout(entry.timer);
    if (entry) entry.timer = undefined;
  }

  forget(uri: string): void {
    this.cancel(uri);
    this.entries.delete(uri);
  }

  private entryFor(uri: string): Entry<Cache> {
    let entry = this.entries.get(uri);
    if (!entry) {
      entry = { cache: this.checker.newCache(), cacheKey: '' };
      this.entries.set(uri, entry);
    }
    return entry;
  }

  /** A LaTeX file checked within its project: the joined text is checked, this file's results kept. */
  private runProject(uri: string, version: number, text: string, project: ProjectView, options: CheckerOptions, cache: Cache): CheckedDocument {
    const { doc, source } = project;
    const whole = this.run(uri, version, 'latex', doc.text, options, cache, doc.parts);
    const check = whole.check.results.length === 1 && whole.check.results[0].code === 'eval' && whole.check.results[0].source === ''
      ? whole.check // the crash result, shown at the top of this file
      : projectCheck(doc, withProblems(doc, whole.check), source);
    let lines: LineIndex | undefined;
    return {
      uri, version, kind: 'latex', text, check, projectText: doc.text,
      get lines() {
        return (lines ??= new LineIndex(text));
      },
    };
  }

  private run(
    uri: string,
    version: number,
    kind: DocumentKind,
    text: string,
    options: CheckerOptions,
    cache: Cache,
    parts?: readonly number[],
  ): CheckedDocument {
    let check: DocumentCheck;
    try {
      check = this.checker.check(parts ? { name: uri, kind, text, parts } : { name: uri, kind, text }, options, cache);
    } catch (error) {
      this.onCrash(uri, error);
      check = { results: [crashResult(error)], lets: [] };
    }
    let lines: LineIndex | undefined;
    return {
      uri, version, kind, text, check,
      // Scanning a 600 kB text for line breaks on every keystroke cost more than checking the edit.
      get lines() {
        return (lines ??= new LineIndex(text));
      },
    };
  }
}

/** Line starts (as LineIndex finds them: after LF, CRLF or a lone CR) from the line start `from` on. */
function lineStartsOf(text: string, from: number, starts: number[], stopAfter = Infinity, stop?: (s: number) => boolean): number[] {
  if (from === 0 && starts.length === 0) starts.push(0);
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
      if (i + 1 >= stopAfter && stop?.(i + 1)) return starts;
    }
  }
  return starts;
}

/**
 * The new text's line starts from the old ones: those before the edit are kept, the lines around it
 * are found again, and from the first line start past it (where the text is the old text, shifted)
 * the old starts are shifted.
 */
export function lineStartsAfterEdit(old: string, oldStarts: readonly number[], text: string): number[] {
  const { from, oldEnd, newEnd } = editBetween(old, text);
  const delta = newEnd - oldEnd;
  // A start s < from has text[s - 1] and text[s] (a CR's partner) before the edit: it is unchanged.
  const keep = firstAtOrAfter(oldStarts, from);
  const starts = oldStarts.slice(0, keep);
  const restart = keep > 0 ? oldStarts[keep - 1] : 0;
  let synced = -1;
  lineStartsOf(text, restart, starts, newEnd + 1, (s) => {
    const k = firstAtOrAfter(oldStarts, s - delta);
    if (k < oldStarts.length && oldStarts[k] === s - delta) synced = k;
    return synced >= 0;
  });
  if (synced >= 0) for (let i = synced + 1; i < oldStarts.length; i++) starts.push(oldStarts[i] + delta);
  return starts;
}

function firstAtOrAfter(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** LineIndex.position over `starts`. */
function positionIn(starts: readonly number[], length: number, offset: number): LineColumn {
  const o = Math.max(0, Math.min(offset, length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: o - starts[lo] };
}

/** A checker crash is our bug, not the student's; say so where they will see it rather than go quiet. */
function crashResult(error: unknown): CheckResult {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    kind: 'value',
    status: 'error',
    code: 'eval',
    span: { start: 0, end: 0 },
    source: '',
    computed: null,
    computedText: null,
    claimed: null,
    claimedSpan: null,
    message: `Derivation Check could not check this document (internal error: ${detail})`,
    steps: [],
  };
}

export function countResults(results: readonly CheckResult[]): ResultCounts {
  const counts: ResultCounts = { claims: results.length, pass: 0, fail: 0, error: 0, unbound: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}
