/**
 * '/'-separated paths and URIs, resolved without the platform's path module: the same code runs in
 * the CLI (file paths), the language server (`file://` URIs) and a browser (other URI schemes).
 */

/** `scheme://authority` of a URI (kept as is), or '' for a plain path. */
function rootOf(p: string): string {
  const m = /^[a-zA-Z][\w+.-]*:\/\/[^/]*/.exec(p);
  return m ? m[0] : '';
}

export function isUri(p: string): boolean {
  return rootOf(p) !== '';
}

/** The folder part of a path or URI (`a/b.tex` → `a`; `b.tex` → `.`). */
export function dirName(p: string): string {
  const root = rootOf(p);
  const rest = p.slice(root.length).replace(/\\/g, '/');
  const cut = rest.lastIndexOf('/');
  if (cut < 0) return root ? root : '.';
  if (cut === 0) return `${root}/`;
  return root + rest.slice(0, cut);
}

/** `rel` resolved against the folder `dir`, with `.` and `..` folded. An absolute `rel` stands alone. */
export function joinPath(dir: string, rel: string): string {
  const root = rootOf(dir);
  let r = rel.replace(/\\/g, '/');
  if (root) r = r.split('/').map((s) => (s === '.' || s === '..' ? s : encodeURIComponent(s))).join('/');
  const base = r.startsWith('/') ? '' : dir.slice(root.length).replace(/\\/g, '/');
  return root + normalizePath(base === '' ? r : `${base}/${r}`).replace(/^(?!\/)/, root ? '/' : '');
}

/** Folds `.` and `..` and repeated slashes; keeps a URI's `scheme://authority`, a leading `/` and leading `..` of a relative path. */
export function normalizePath(path: string): string {
  const root = rootOf(path);
  if (root) return root + normalizePath(path.slice(root.length) || '/');
  const p = path.replace(/\\/g, '/');
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined === '' ? '.' : joined;
}
