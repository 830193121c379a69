/**
 * A rendered notice is first a format-free document: sections of paragraphs, lists and tables.
 * Each output format (text, Markdown, HTML, PDF) only lays this document out, so every format
 * says the same thing.
 */
export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption?: string; head: string[]; rows: string[][] }
  | { kind: 'facts'; items: [string, string][] }
  | { kind: 'h3'; text: string };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface NoticeDocument {
  title: string;
  controllerName: string;
  /** One line under the title: version and dates. */
  byline: string;
  /** The first layer: the short version, in a few sentences. */
  summary: string[];
  sections: Section[];
}

export const p = (text: string): Block => ({ kind: 'p', text });
export const list = (items: string[]): Block => ({ kind: 'list', items });
export const h3 = (text: string): Block => ({ kind: 'h3', text });

/** "a, b and c" */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
