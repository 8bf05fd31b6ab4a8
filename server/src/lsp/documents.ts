/**
 * Open documents and their check results. A result is tied to the document version it was computed
 * for; every feature asks for the current version's result, so nothing is ever answered from stale
 * text. Checks run where the `CheckRunner` runs them (a worker thread in the Node server): a version
 * being checked is awaited by the requests on that document only, and asked for once however many
 * requests wait for it. The runner keeps a cache per URI, so an edit re-evaluates only the blocks it
 * touched.
 */
import type { DocumentKind, SourceDocument } from '../core/document';
import { kindOfPath } from '../core/document';
import type { CheckResult, DocumentCheck } from '../core/result';
import { LineIndex, positionAmong, type LineColumn } from '../core/span';
import { firstWhere } from '../core/search';
import type { ResultCounts } from './protocol';
import { editBetween } from '../documents/edit';
import type { ComposedDocument } from '../documents/compose/composed';
import { projectCheck, withProblems } from '../checker/project';
import type { ProjectView } from './latexProjects';
import type { Settings } from './settings';
import { optionsKey, type CheckRunner, type Checker, type CheckerOptions } from './checkRunner';
import { Debouncer } from './debounce';

export type { CheckRunner, Checker, CheckerOptions };

/** The editor's view of a document: what `TextDocuments` holds. */
export interface EditorDocument {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  getText(): string;
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

/** What a check was asked for: a newer request with the same identity shares it. */
interface Asked {
  version: number;
  text: string;
  kind: DocumentKind;
  projectText: string | undefined;
  options: string;
}

function sameAsked(a: Asked, b: Asked): boolean {
  return a.version === b.version && a.text === b.text && a.kind === b.kind && a.projectText === b.projectText && a.options === b.options;
}

interface Entry {
  latest?: { asked: Asked; checked: CheckedDocument };
  pending?: { asked: Asked; promise: Promise<CheckedDocument | undefined> };
  /** Line starts of the last text checked, so the next version's are found around the edit only. */
  lineText?: string;
  lineStarts?: number[];
}

export class DocumentChecks {
  private readonly entries = new Map<string, Entry>();
  private readonly debounce = new Debouncer();

  constructor(
    private readonly runner: CheckRunner,
    /** Reports a checker crash; the document then gets a single error result saying so. */
    private readonly onCrash: (uri: string, error: unknown) => void,
    /** The project a LaTeX document is part of (lsp/latexProjects.ts), or undefined when it stands alone. */
    private readonly projectOf?: (uri: string, text: string) => ProjectView | undefined,
  ) {}

  /**
   * The check of exactly this version of the document: at once when it is known, else asked for
   * (once, however many callers wait). Undefined when the document is of no kind we check, or when a
   * newer version superseded this one before its check finished.
   */
  checkOf(doc: EditorDocument, options: CheckerOptions): Promise<CheckedDocument | undefined> {
    const kind = kindOf(doc.uri, doc.languageId);
    if (!kind) return Promise.resolve(undefined);
    const text = doc.getText();
    const project = kind === 'latex' && this.projectOf ? this.projectOf(doc.uri, text) : undefined;
    const asked: Asked = { version: doc.version, text, kind, projectText: project?.doc.text, options: optionsKey(options) };
    const entry = this.entryFor(doc.uri);
    if (entry.latest && sameAsked(entry.latest.asked, asked)) return Promise.resolve(entry.latest.checked);
    if (entry.pending && sameAsked(entry.pending.asked, asked)) return entry.pending.promise;
    const promise = (project ? this.runProject(doc.uri, doc.version, text, project, options) : this.run(doc.uri, doc.version, kind, text, options, false)).then((checked) => {
      if (entry.pending?.promise === promise) entry.pending = undefined;
      if (!checked || this.entries.get(doc.uri) !== entry) return checked;
      if (entry.latest && entry.latest.asked.version > asked.version) return checked;
      const starts = entry.lineText !== undefined && entry.lineStarts ? lineStartsAfterEdit(entry.lineText, entry.lineStarts, text) : lineStartsOf(text, 0, []);
      entry.lineText = text;
      entry.lineStarts = starts;
      checked.position = (offset) => positionAmong(starts, text.length, offset);
      entry.latest = { asked, checked };
      return checked;
    });
    entry.pending = { asked, promise };
    return promise;
  }

  /** A one-off check of a text that is not (or not necessarily) open; it leaves no state behind. */
  checkText(uri: string, text: string, kind: DocumentKind, options: CheckerOptions): Promise<CheckedDocument> {
    return this.run(uri, -1, kind, text, options, true) as Promise<CheckedDocument>;
  }

  /** A one-off check of a composed document (a notebook file's cells, from Verify All): no state left behind. */
  async checkComposed(uri: string, doc: ComposedDocument, options: CheckerOptions): Promise<DocumentCheck> {
    try {
      const check = await this.runner.checkOnce({ name: uri, kind: doc.kind, text: doc.text, ...(doc.parts ? { parts: doc.parts } : {}) }, options);
      return withProblems(doc, check);
    } catch (error) {
      this.onCrash(uri, error);
      return { results: [crashResult(error)], lets: [] };
    }
  }

  /** Runs `task` after `delayMs`, replacing any task already waiting for this URI: the debounce. */
  schedule(uri: string, delayMs: number, task: () => void): void {
    this.debounce.schedule(uri, delayMs, task);
  }

  /** The document closed: its timer, its check in flight and its cache go. */
  forget(uri: string): void {
    this.debounce.cancel(uri);
    this.entries.delete(uri);
    this.runner.forget(uri);
  }

  private entryFor(uri: string): Entry {
    let entry = this.entries.get(uri);
    if (!entry) {
      entry = {};
      this.entries.set(uri, entry);
    }
    return entry;
  }

  /** A LaTeX file checked within its project: the joined text is checked, this file's results kept. */
  private async runProject(uri: string, version: number, text: string, project: ProjectView, options: CheckerOptions): Promise<CheckedDocument | undefined> {
    const { doc, source } = project;
    const whole = await this.run(uri, version, 'latex', doc.text, options, false, doc.parts);
    if (!whole) return undefined;
    const check = whole.check.results.length === 1 && whole.check.results[0].code === 'eval' && whole.check.results[0].source === ''
      ? whole.check // the crash result, shown at the top of this file
      : projectCheck(doc, withProblems(doc, whole.check), source);
    return checkedDocument(uri, version, 'latex', text, check, doc.text);
  }

  private async run(
    uri: string,
    version: number,
    kind: DocumentKind,
    text: string,
    options: CheckerOptions,
    once: boolean,
    parts?: readonly number[],
  ): Promise<CheckedDocument | undefined> {
    const source: SourceDocument = parts ? { name: uri, kind, text, parts } : { name: uri, kind, text };
    let check: DocumentCheck | undefined;
    try {
      check = once ? await this.runner.checkOnce(source, options) : await this.runner.check(uri, source, options);
    } catch (error) {
      this.onCrash(uri, error);
      check = { results: [crashResult(error)], lets: [] };
    }
    return check && checkedDocument(uri, version, kind, text, check);
  }
}

/** A check as the features read it; its line index is built when first asked for. */
export function checkedDocument(uri: string, version: number, kind: DocumentKind, text: string, check: DocumentCheck, projectText?: string): CheckedDocument {
  let lines: LineIndex | undefined;
  return {
    uri, version, kind, text, check,
    ...(projectText !== undefined ? { projectText } : {}),
    // Scanning a 600 kB text for line breaks on every keystroke cost more than checking the edit.
    get lines() {
      return (lines ??= new LineIndex(text));
    },
  };
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
  const keep = firstWhere(oldStarts.length, (i) => oldStarts[i] >= from);
  const starts = oldStarts.slice(0, keep);
  const restart = keep > 0 ? oldStarts[keep - 1] : 0;
  let synced = -1;
  lineStartsOf(text, restart, starts, newEnd + 1, (s) => {
    const k = firstWhere(oldStarts.length, (i) => oldStarts[i] >= s - delta);
    if (k < oldStarts.length && oldStarts[k] === s - delta) synced = k;
    return synced >= 0;
  });
  if (synced >= 0) for (let i = synced + 1; i < oldStarts.length; i++) starts.push(oldStarts[i] + delta);
  return starts;
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
