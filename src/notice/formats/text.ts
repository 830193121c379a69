/** Plain text and Markdown layouts of a notice document. */
import type { Block, NoticeDocument } from '../document.ts';

const WIDTH = 88;

/** Words filled to WIDTH columns: the first line starts with `lead`, the rest with `indent`. */
function wrap(text: string, indent = '', lead = ''): string {
  const lines: string[] = [];
  let line = lead;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent + word;
    } else line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

function textBlock(block: Block): string {
  switch (block.kind) {
    case 'p':
      return wrap(block.text);
    case 'h3':
      return `${block.text}\n${'-'.repeat(block.text.length)}`;
    case 'list':
      return block.items.map((item) => wrap(item, '    ', '  - ')).join('\n');
    case 'facts':
      return block.items.map(([k, v]) => wrap(v, '    ', `  ${k}: `)).join('\n');
    case 'table':
      return [
        ...(block.caption ? [`${block.caption}:`] : []),
        ...block.rows.map((row) =>
          wrap(row.map((cell, i) => `${block.head[i]}: ${cell}`).join('; '), '    ', '  - '),
        ),
      ].join('\n');
  }
}

export function toText(doc: NoticeDocument): string {
  const out = [
    doc.title.toUpperCase(),
    doc.controllerName,
    wrap(doc.byline),
    '',
    'IN SHORT',
    ...doc.summary.map((s) => wrap(s)),
    '',
  ];
  doc.sections.forEach((section, i) => {
    const heading = `${i + 1}. ${section.title}`;
    out.push(heading, '='.repeat(heading.length), ...section.blocks.map((b) => `${textBlock(b)}\n`));
  });
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

const escapeMd = (s: string) => s.replace(/([\\`*_[\]|<>])/g, '\\$1');

function mdBlock(block: Block): string {
  switch (block.kind) {
    case 'p':
      return escapeMd(block.text);
    case 'h3':
      return `### ${escapeMd(block.text)}`;
    case 'list':
      return block.items.map((item) => `- ${escapeMd(item)}`).join('\n');
    case 'facts':
      return block.items.map(([k, v]) => `- **${escapeMd(k)}:** ${escapeMd(v)}`).join('\n');
    case 'table':
      return [
        ...(block.caption ? [`*${escapeMd(block.caption)}*`, ''] : []),
        `| ${block.head.map(escapeMd).join(' | ')} |`,
        `| ${block.head.map(() => '---').join(' | ')} |`,
        ...block.rows.map((row) => `| ${row.map((c) => escapeMd(c).replace(/\n/g, ' ')).join(' | ')} |`),
      ].join('\n');
  }
}

export function toMarkdown(doc: NoticeDocument): string {
  const out = [
    `# ${escapeMd(doc.title)}`,
    '',
    `${escapeMd(doc.controllerName)} · ${escapeMd(doc.byline)}`,
    '',
    '## In short',
    '',
    ...doc.summary.map((s) => `- ${escapeMd(s)}`),
    '',
  ];
  out.push('## Contents', '', ...doc.sections.map((s, i) => `${i + 1}. ${escapeMd(s.title)}`), '');
  for (const section of doc.sections) {
    out.push(`## ${escapeMd(section.title)}`, '', ...section.blocks.flatMap((b) => [mdBlock(b), '']));
  }
  return out.join('\n').trimEnd() + '\n';
}
