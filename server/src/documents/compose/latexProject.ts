/**
 * LaTeX across files: a file that `\input`s or `\include`s others is one document, the included
 * text standing where the command stands (as TeX reads it), so `let`s flow into included files. A file
 * opened alone finds the root that includes it: a `% !TEX root = ...` magic comment, or else the one
 * `.tex` file of the workspace that includes it. Files are read through `FileAccess`, which the adapter
 * provides: this module does no I/O of its own, so the CLI's safety rules and the editor's open
 * documents are the adapter's business.
 */
import type { Span } from '../../core/span';
import { Composer, fromSource, type ComposedDocument } from './composed';
import { dirName, joinPath, normalizePath } from './paths';
import { findIncludes, includeFileName, magicRoot, type Include } from '../latex/includes';

export interface FileAccess {
  /** A file's text, or why it cannot be read (missing, outside the folder, too large, not a file). */
  read(path: string): string | { error: string };
  /** The `.tex` files among which a root may be searched for (the workspace); absent or empty: no search. */
  texFiles?(): readonly string[];
}

/** Deeper nesting than this is a mistake, not a thesis; and it bounds the work an input can ask for. */
export const MAX_INCLUDE_DEPTH = 16;
export const MAX_INCLUDED_FILES = 500;

/**
 * The root file and the files it includes, in reading order, as one document. Includes resolve from the
 * root's folder, as LaTeX resolves them from where it runs. A file included a second time (outside a
 * cycle) is not read again: its claims are checked once. A missing file, a cycle, or nesting past the
 * limit leaves the command in place and is a problem at it.
 */
export function composeLatex(rootPath: string, rootText: string, access: FileAccess, rootProblem?: ComposeProblemAt): ComposedDocument {
  // rootProblem: a span in the root's own text, placed in the composed text at the end.
  const c = new Composer();
  const root = normalizePath(rootPath);
  const dir = dirName(root);
  const seen = new Set<string>([root]);
  const inline = (path: string, text: string, stack: string[]): void => {
    const src = c.addSource({ id: path, text });
    let pos = 0;
    for (const inc of findIncludes(text)) {
      const target = joinPath(dir, includeFileName(inc.name));
      const problem = (message: string): void => {
        c.add(src, pos, inc.span.start);
        const start = c.offset;
        c.add(src, inc.span.start, inc.span.end);
        c.problems.push({ span: { start, end: c.offset }, message });
        pos = inc.span.end;
      };
      if (stack.includes(target)) {
        const chain = [...stack.slice(stack.indexOf(target)), target].map(baseName).join(' → ');
        problem(`Include cycle (${chain}): ${inc.name} is already being read, so it is not read again here.`);
        continue;
      }
      if (seen.has(target)) continue; // read once, where it is first included; the command stays as text
      if (stack.length >= MAX_INCLUDE_DEPTH || seen.size >= MAX_INCLUDED_FILES) {
        problem(`${inc.name} is not read: includes nest deeper than ${MAX_INCLUDE_DEPTH} files or pass ${MAX_INCLUDED_FILES} files.`);
        continue;
      }
      const got = access.read(target);
      if (typeof got !== 'string') {
        problem(`Cannot read the included file ${inc.name} (${target}): ${got.error}. Nothing in it was checked.`);
        continue;
      }
      seen.add(target);
      c.add(src, pos, inc.span.start);
      // The included text starts and ends on lines of its own, so its comments stay whole lines.
      if (!c.atLineStart()) c.join('\n');
      inline(target, got, [...stack, target]);
      if (!c.atLineStart()) c.join('\n');
      pos = inc.span.end;
    }
    c.add(src, pos);
  };
  inline(root, rootText, [root]);
  // Every file boundary is a part boundary: a comment block at the end of one file does not run on into
  // the comment lines that start the next (nor a verbatim body), while a claim's search still does.
  const parts = c.pieces.length > 1 ? [0, ...c.pieces.slice(1).map((p) => p.start)] : undefined;
  const doc = c.done('latex', parts);
  if (rootProblem) {
    const start = fromSource(doc, 0, rootProblem.span.start);
    const end = fromSource(doc, 0, rootProblem.span.end);
    if (start >= 0) (doc.problems ??= []).unshift({ span: { start, end: Math.max(start, end) }, message: rootProblem.message });
  }
  return doc;
}

interface ComposeProblemAt {
  span: Span;
  message: string;
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** What a LaTeX file is checked as: the composed document and which of its sources is this file. */
export interface LatexProject {
  doc: ComposedDocument;
  source: number;
  /** The root file (this file itself when it is the root). */
  root: string;
}

/**
 * The document a LaTeX file is checked in. Its root is found by the magic comment, or else (for a
 * file without `\documentclass`, which is a root by itself) by searching the workspace for the one
 * file that includes it, and so on upwards. When no root includes it, the file is its own root.
 */
export function latexProject(path: string, text: string, access: FileAccess): LatexProject {
  const self = normalizePath(path);
  const found = findRoot(self, text, access);
  if (found.root !== self && typeof found.text === 'string') {
    const doc = composeLatex(found.root, found.text, access);
    const source = doc.sources.findIndex((s) => s.id === self);
    if (source >= 0) return { doc, source, root: found.root };
  }
  const problem = found.problem && { span: found.problem.span, message: found.problem.message };
  return { doc: composeLatex(self, text, access, problem), source: 0, root: self };
}

interface FoundRoot {
  root: string;
  text?: string;
  /** A magic comment naming a root that cannot be read: shown at the comment, in this file. */
  problem?: ComposeProblemAt;
}

function findRoot(self: string, text: string, access: FileAccess): FoundRoot {
  const magic = magicRoot(text);
  if (magic !== null) {
    const root = joinPath(dirName(self), includeFileName(magic));
    if (root === self) return { root: self };
    const got = access.read(root);
    if (typeof got === 'string') return { root, text: got };
    const at = text.indexOf(magic);
    return {
      root: self,
      problem: { span: { start: Math.max(0, at), end: Math.max(0, at) + magic.length }, message: `The root named by \`% !TEX root\` cannot be read (${root}): ${got.error}. This file is checked alone.` },
    };
  }
  if (/\\documentclass(?![a-zA-Z])/.test(text) || !access.texFiles) return { root: self };
  const candidates = access.texFiles().map(normalizePath);
  let current = self;
  let currentText = text;
  const visited = new Set<string>([self]);
  for (let depth = 0; depth < MAX_INCLUDE_DEPTH; depth++) {
    const includers = includersOf(current, candidates, access, visited);
    if (includers.length !== 1) break; // none: `current` is the root; several: which one is ambiguous
    const [up] = includers;
    visited.add(up.path);
    current = up.path;
    currentText = up.text;
    if (/\\documentclass(?![a-zA-Z])/.test(currentText)) break;
  }
  return current === self ? { root: self } : { root: current, text: currentText };
}

/**
 * The includes of each candidate root, by path, while its text stays the same: the editor looks for a
 * section's root on every request, and reading each candidate's includes again would cost a pass over
 * every `.tex` file of the workspace each time. Bounded: the map is dropped when it grows past a limit.
 */
const includeMemo = new Map<string, { text: string; includes: Include[] }>();
const MAX_MEMO = 2_000;

function includesOf(path: string, text: string): Include[] {
  const known = includeMemo.get(path);
  if (known && known.text === text) return known.includes;
  if (includeMemo.size >= MAX_MEMO) includeMemo.clear();
  const includes = findIncludes(text);
  includeMemo.set(path, { text, includes });
  return includes;
}

function includersOf(target: string, candidates: readonly string[], access: FileAccess, visited: Set<string>): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const path of candidates) {
    if (visited.has(path)) continue;
    const got = access.read(path);
    if (typeof got !== 'string' || !got.includes('\\in')) continue;
    const includes = includesOf(path, got);
    // Includes resolve from the root's folder, which is not known yet: the includer's folder or any above it.
    const dirs: string[] = [];
    for (let d = dirName(path), k = 0; k < MAX_INCLUDE_DEPTH && !dirs.includes(d); d = dirName(d), k++) dirs.push(d);
    if (includes.some((inc) => dirs.some((d) => joinPath(d, includeFileName(inc.name)) === target))) out.push({ path, text: got });
  }
  return out;
}
