/**
 * The pack's cover letter and index as a tagged PDF (headings, paragraphs and lists marked for
 * screen readers; title and language set), for people who want to print or keep one document.
 * It says what the pack holds and where: each record by date, type and reference, each document,
 * the accesses summarised, why the information is held, what was left out and why, and the
 * person's rights. The records' contents are in cover.html, data.json and data.csv beside it.
 */
import PDFDocument from 'pdfkit';
import { fontsFor } from '../../notice/formats/pdf-fonts.ts';
import { useFastKerning } from '../../notice/formats/pdf-kerning.ts';
import { accessLine, accessNote, summariseAccesses } from './accesses.ts';
import {
  consentWords,
  coverLetter,
  disclosureLine,
  displayValue,
  recordDate,
  requesterName,
} from './letter.ts';
import { dayWords, labelWords, newestFirst, partsWords, valueWords } from './present.ts';
import type { PackRecord, SarPack } from './types.ts';

useFastKerning();

const BODY = 10.5;

type Struct = PDFKit.PDFStructureElement;

/** A tagged PDF written top to bottom: every call adds its structure element under the document. */
class Writer {
  readonly pdf: PDFKit.PDFDocument;
  private readonly root: Struct;

  constructor(
    pack: SarPack,
    private readonly fonts: { body: string; bold: string },
  ) {
    this.pdf = new PDFDocument({
      size: 'A4',
      margin: 56,
      pdfVersion: '1.7',
      tagged: true,
      lang: 'en-GB',
      displayTitle: true,
      info: {
        Title: `Your personal information – ${pack.controller.name}`,
        Author: pack.controller.name,
        Creator: 'Custos',
        // A fixed creation date keeps the bytes reproducible for the same pack.
        CreationDate: new Date(`${pack.today}T00:00:00Z`),
      },
    });
    this.root = this.pdf.struct('Document');
    this.pdf.addStructure(this.root);
  }

  heading(level: 1 | 2 | 3, text: string): void {
    const size = level === 1 ? 22 : level === 2 ? 15 : 12;
    if (level > 1) this.pdf.moveDown(level === 2 ? 0.8 : 0.3);
    this.pdf
      .font(this.fonts.bold)
      .fontSize(size)
      .text(text, { structParent: this.root, structType: `H${level}`, paragraphGap: 5 });
  }

  paragraph(text: string, size = BODY): void {
    this.pdf
      .font(this.fonts.body)
      .fontSize(size)
      .text(text, { structParent: this.root, structType: 'P', paragraphGap: 6 });
  }

  list(items: string[], size = BODY): void {
    if (items.length === 0) return;
    const list = this.pdf.struct('L');
    this.root.add(list);
    this.pdf
      .font(this.fonts.body)
      .fontSize(size)
      .list(items, { structParent: list, bulletRadius: 1.5, paragraphGap: 2 });
    list.end();
    this.pdf.moveDown(0.5);
  }

  /**
   * Long indexes (thousands of records) as one paragraph each: a tagged list item costs three
   * structure elements and triples the file, for no gain to a screen reader reading an index.
   */
  lines(items: string[], size = 9): void {
    this.pdf.font(this.fonts.body).fontSize(size);
    for (const item of items)
      this.pdf.text(item, { structParent: this.root, structType: 'P', indent: 8, paragraphGap: 2 });
    this.pdf.moveDown(0.5);
  }

  facts(items: readonly (readonly [string, string])[]): void {
    this.list(items.map(([k, v]) => `${k}: ${v}`));
  }

  finish(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    this.pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve, reject) => {
      this.pdf.on('end', () => resolve(Buffer.concat(chunks)));
      this.pdf.on('error', reject);
    });
    this.root.end();
    this.pdf.end();
    return done;
  }
}

const indexLine = (r: PackRecord): string =>
  [
    dayWords(recordDate(r)),
    r.recordTypeName,
    `reference ${r.id}`,
    r.parts.length ? `you are named as ${partsWords(r.parts)}` : '',
    r.fields.some((f) => f.redactions > 0) ? 'some words removed' : '',
  ]
    .filter(Boolean)
    .join(' · ');

function writeLetter(w: Writer, pack: SarPack): void {
  const letter = coverLetter(pack);
  w.heading(1, 'Your personal information');
  w.paragraph(`${pack.controller.name} · prepared on ${dayWords(pack.today)}`, 9.5);
  if (pack.status === 'draft') w.paragraph(letter.draftWarning);
  w.paragraph(`Dear ${requesterName(pack)},`);
  for (const p of letter.opening) w.paragraph(p);
  w.paragraph('This pack is made of these files:');
  w.list(letter.files);
  w.paragraph(letter.formatsNote);
  if (letter.redactionNote) w.paragraph(letter.redactionNote);
  w.heading(2, 'What this pack holds');
  w.list(letter.contents);
}

function writeIndex(w: Writer, pack: SarPack): void {
  w.heading(2, 'Your details');
  w.facts(pack.details.map((f) => [labelWords(f, f.label), displayValue(f)] as const));
  const own = newestFirst(
    pack.records.filter((r) => r.source === 'own'),
    recordDate,
  );
  const mentions = newestFirst(
    pack.records.filter((r) => r.source === 'mention'),
    recordDate,
  );
  w.heading(2, `Records on your file (${own.length})`);
  if (own.length) w.lines(own.map(indexLine));
  else w.paragraph('We hold no records on your file.');
  w.heading(2, `Other records that mention you (${mentions.length})`);
  if (mentions.length) w.lines(mentions.map(indexLine));
  else w.paragraph('No other records mention you.');
  w.heading(2, `Documents we hold (${pack.documents.length})`);
  if (pack.documents.length)
    w.lines(
      pack.documents.map((d) => `${dayWords(d.createdAt)} · ${valueWords(d.kind)} · reference ${d.id}`),
    );
  else w.paragraph('We hold no documents about you.');
  w.heading(2, `Your consents (${pack.consents.length})`);
  if (pack.consents.length)
    w.lines(
      pack.consents.map((c) => {
        const words = consentWords(c);
        return `${words.activity} · ${words.status} · ${words.history}`;
      }),
    );
  else w.paragraph('You have not given us consent for anything.');
  w.heading(2, `Who we have shared your information with (${pack.disclosures.length})`);
  if (pack.disclosures.length) w.lines(pack.disclosures.map(disclosureLine));
  else w.paragraph('We have not shared your information with anyone outside our organisation.');
  writeAccesses(w, pack);
}

function writeAccesses(w: Writer, pack: SarPack): void {
  const accesses = summariseAccesses(pack.accesses);
  w.heading(2, 'Who has seen your information');
  if (accesses.seen.length) w.lines(accesses.seen.map(accessLine));
  else w.paragraph('No one else has accessed your file.');
  w.paragraph(accessNote(accesses));
  w.heading(2, 'Handling your request');
  if (accesses.handling.length) w.lines(accesses.handling.map(accessLine));
  else w.paragraph('There is no work on a request of yours to show.');
}

function writeUses(w: Writer, pack: SarPack): void {
  w.heading(2, 'Why we hold your information and who we share it with');
  for (const a of pack.supplementary.activities) {
    w.heading(3, a.name);
    w.paragraph(a.purpose);
    w.facts([
      ['Our lawful basis', a.lawfulBases.join('; ') || '—'],
      ['Kinds of information', a.categories.join(', ') || '—'],
      ['Where it comes from', a.sources.join(', ') || '—'],
      [
        'Who we share it with',
        a.recipients.map((r) => (r.country === 'GB' ? r.name : `${r.name} (${r.country})`)).join(', ') ||
          `No one outside ${pack.controller.name}`,
      ],
      ['Sent outside the UK', a.transfers.map((t) => t.country).join(', ') || 'No'],
      ['How long we keep it', a.retention ?? '—'],
      ['Automated decisions', a.automatedDecisions.map((d) => `${d.name}: ${d.logic}`).join('; ') || 'None'],
      ['Your rights', a.rights.join(', ')],
    ]);
  }
}

function writeLeftOut(w: Writer, pack: SarPack): void {
  const letter = coverLetter(pack);
  w.heading(2, 'Information we have not included');
  if (letter.leftOut.length) w.list(letter.leftOut);
  else w.paragraph('We have not removed anything from the records in this pack.');
  w.heading(2, 'Your rights');
  w.paragraph(pack.supplementary.rightsStatement);
  w.paragraph(pack.supplementary.complaint);
  if (pack.controller.contact)
    w.paragraph(`To ask about this pack, contact us at ${pack.controller.contact}.`);
}

/** The text the PDF sets (not the records' contents, which it only indexes). */
function printed(pack: SarPack): string {
  return JSON.stringify([
    pack.controller,
    pack.details.map((f) => [f.label, displayValue(f)]),
    pack.records.map((r) => [r.recordTypeName, r.parts]),
    pack.documents.map((d) => d.kind),
    pack.consents.map(consentWords),
    pack.disclosures.map(disclosureLine),
    pack.supplementary,
    pack.exemptions,
  ]);
}

export function packPdf(pack: SarPack): Promise<Buffer> {
  const w = new Writer(pack, fontsFor(printed(pack)));
  writeLetter(w, pack);
  writeIndex(w, pack);
  writeUses(w, pack);
  writeLeftOut(w, pack);
  return w.finish();
}
