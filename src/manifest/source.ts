/**
 * Reading a manifest file into a YAML document that remembers where every node came from, so
 * each problem can be reported as file:line:col.
 */
import { readFileSync, statSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Finding, PathSegment, Problem } from './problems.ts';

/** Manifests are hand-written declarations; anything this large is not one. */
export const MAX_MANIFEST_BYTES = 5 * 1024 * 1024;

export interface ManifestSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export type ReadResult = { ok: true; source: ManifestSource } | { ok: false; problems: Problem[] };

function fileProblem(file: string, rule: string, message: string): ReadResult {
  return { ok: false, problems: [{ file, line: 1, col: 1, rule, severity: 'error', message, path: [] }] };
}

export function readManifestFile(file: string): ReadResult {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return fileProblem(file, 'file/not-a-file', 'is not a file');
    size = stat.size;
  } catch {
    return fileProblem(file, 'file/unreadable', 'cannot be read: no such file, or no permission');
  }
  if (size > MAX_MANIFEST_BYTES) {
    return fileProblem(
      file,
      'file/too-large',
      `is ${size} bytes; a manifest may be at most ${MAX_MANIFEST_BYTES} bytes`,
    );
  }
  return parseManifestText(file, readFileSync(file));
}

export function parseManifestText(file: string, bytes: Buffer | string): ReadResult {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  if (buffer.includes(0)) return fileProblem(file, 'file/binary', 'is a binary file, not a YAML manifest');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return fileProblem(file, 'file/encoding', 'is not valid UTF-8 text');
  }
  if (text.trim() === '')
    return fileProblem(file, 'file/empty', 'is empty; run `custos init` for a starter manifest');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: [firstSyntaxError(file, text, lines, doc.errors)],
    };
  }
  if (!isMap(doc.contents)) {
    return fileProblem(
      file,
      'file/not-a-mapping',
      'must be a YAML mapping with keys such as controller and activities',
    );
  }
  return { ok: true, source: { file, text, doc, lines } };
}

/** The node at `path`, or the deepest ancestor that exists. */
function nodeAt(doc: Document.Parsed, path: PathSegment[], atKey: boolean): Node | null {
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
      if (!pair) return node as Node;
      if (last && atKey) return pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) return node as Node;
      node = item;
    } else {
      return (node as Node) ?? null;
    }
  }
  return (node as Node) ?? null;
}

export function locate(source: ManifestSource, finding: Finding): Problem {
  const node = nodeAt(source.doc, finding.path, finding.atKey ?? false);
  const offset = node?.range?.[0] ?? 0;
  const pos = source.lines.linePos(offset);
  return {
    file: source.file,
    line: pos.line,
    col: pos.col,
    rule: finding.rule,
    severity: finding.severity ?? 'error',
    message: finding.message,
    path: finding.path,
  };
}

/**
 * Only the first YAML error is reported: the parser's later errors are usually echoes of it (one
 * stray tab gives twenty), and the user fixes one and runs again. Its position is clamped to the
 * text, since an unclosed quote is found only at the end of the file.
 */
function firstSyntaxError(
  file: string,
  text: string,
  lines: LineCounter,
  errors: readonly { pos: [number, number]; message: string }[],
): Problem {
  const first = [...errors].sort((a, b) => a.pos[0] - b.pos[0])[0]!;
  const pos = lines.linePos(Math.min(first.pos[0], Math.max(0, text.trimEnd().length - 1)));
  const message = (first.message.split('\n')[0] ?? first.message)
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace('Missing closing "quote', 'a quoted value is never closed (missing closing quote)');
  const more =
    errors.length > 1
      ? ` (fix this first; the parser found ${errors.length - 1} more problem(s) after it)`
      : '';
  return {
    file,
    line: pos.line,
    col: pos.col,
    rule: 'yaml/syntax',
    severity: 'error',
    message: message + more,
    path: [],
  };
}
