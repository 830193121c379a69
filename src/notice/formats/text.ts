/** Plain text and Markdown layouts of a notice document. */
import type { Block, NoticeDocument } from '../document.ts';

function wrap(text: string, width = 88, indent = ''): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width - indent.length) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l)).join('\n');
}

function textBlock(block: Block): string {
  switch (block.kind) {
    case 'p':
      return wrap(block.text);
    case 'h3':
      return `${block.text}\n${'-'.repeat(block.text.length)}`;
    case 'list':
      return block.items.map((item) => `  - ${wrap(item, 88, '    ')}`).join('\n');
    case 'facts':
      return block.items.map(([k, v]) => `  ${k}: ${wrap(v, 88, '    ')}`).join('\n');
    case 'table':
      return [
        ...(block.caption ? [`${block.caption}:`] : []),
        ...block.rows.map(
          (row) => `  - ${wrap(row.map((cell, i) => `${block.head[i]}: ${cell}`).join('; '), 88, '    ')}`,
        ),
      ].join('\n');
  }
}

export function toText(doc: NoticeDocument): string {
  const out = [
    doc.title.toUpperCase(),
    doc.controllerName,
    doc.byline,
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
