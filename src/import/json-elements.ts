/**
 * The elements of a top-level JSON array, each as its own text with the line it starts on.
 * JSON.parse gives no positions, so the array is split first and each element parsed alone:
 * a problem is then placed at its element's line, and one bad element does not hide the rest.
 */

export interface JsonElement {
  line: number;
  text: string;
}

interface Scan {
  elements: JsonElement[];
  problem?: { line: number; reason: string };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** The index just past the value starting at `start`, or -1 if it never ends. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      i = stringEnd(text, i);
      if (i === -1) return -1;
      if (depth === 0) return i + 1;
    } else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      if (depth === 0) return i;
      depth -= 1;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (c === ',' || WHITESPACE.has(c))) return i;
  }
  return depth === 0 ? text.length : -1;
}

/** The index of the quote closing the string opened at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
  }
  return -1;
}

export function jsonArrayElements(text: string): Scan {
  const elements: JsonElement[] = [];
  let line = 1;
  let counted = 0;
  const lineAt = (index: number) => {
    for (; counted < index; counted++) if (text[counted] === '\n') line += 1;
    return line;
  };
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  };
  skip();
  if (text[i] !== '[')
    return {
      elements,
      problem: { line: lineAt(i), reason: 'must be a JSON array of objects (or use format: jsonl)' },
    };
  i += 1;
  for (;;) {
    skip();
    if (text[i] === ']') {
      i += 1;
      skip();
      return i < text.length
        ? { elements, problem: { line: lineAt(i), reason: 'has text after the closing ] of the array' } }
        : { elements };
    }
    if (i >= text.length)
      return { elements, problem: { line: lineAt(i), reason: 'ends before the array is closed' } };
    const end = valueEnd(text, i);
    if (end === -1 || end === i)
      return { elements, problem: { line: lineAt(i), reason: 'is not valid JSON from this line on' } };
    elements.push({ line: lineAt(i), text: text.slice(i, end) });
    i = end;
    skip();
    if (text[i] === ',') i += 1;
    else if (i >= text.length)
      return { elements, problem: { line: lineAt(i), reason: 'ends before the array is closed' } };
    else if (text[i] !== ']')
      return {
        elements,
        problem: { line: lineAt(i), reason: 'is not valid JSON: expected a comma between elements' },
      };
  }
}
