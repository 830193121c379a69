/**
 * The record of processing as an Excel workbook: a "Controller" sheet with the contact block and
 * a "Record of processing" sheet laid out like the ICO template, ready to print or file.
 */
import ExcelJS from 'exceljs';
import type { Manifest } from '../../manifest/schema.ts';
import { ROPA_COLUMNS, rowCells } from './columns.ts';
import { CONTROLLER_BLOCK_HEADINGS, contactCells, controllerBlock } from './controller.ts';
import type { RopaOptions } from './breaches.ts';
import { ropaRows } from './rows.ts';

export const CONTROLLER_SHEET = 'Controller';
export const RECORD_SHEET = 'Record of processing';

const MIN_WIDTH = 14;
const MAX_WIDTH = 60;
const CELL_STYLE: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/** Wide enough for the longest line in the column, within bounds so long text wraps instead. */
function columnWidth(values: readonly string[]): number {
  const longest = Math.max(...values.flatMap((v) => v.split('\n').map((line) => line.length)));
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
}

/** Writes a header row and data rows, styled alike on both sheets. */
function fillSheet(sheet: ExcelJS.Worksheet, header: readonly string[], rows: string[][]): void {
  sheet.addRow([...header]);
  rows.forEach((row) => sheet.addRow(row));
  header.forEach((_, i) => {
    // Headings are long sentences in the ICO template; they wrap, so size columns by content.
    sheet.getColumn(i + 1).width = columnWidth([header[i]!.slice(0, 30), ...rows.map((r) => r[i] ?? '')]);
  });
  sheet.eachRow((row) => row.eachCell((cell) => (cell.alignment = CELL_STYLE)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
}

export async function ropaXlsx(manifest: Manifest, options: RopaOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Custos';
  // Dates from the manifest, not the clock, so the same manifest gives the same workbook.
  workbook.created = workbook.modified = new Date(`${manifest.notice.effective}T00:00:00Z`);
  workbook.title = `${manifest.controller.name}: record of processing`;

  fillSheet(
    workbook.addWorksheet(CONTROLLER_SHEET),
    CONTROLLER_BLOCK_HEADINGS,
    controllerBlock(manifest).map(contactCells),
  );
  const record = workbook.addWorksheet(RECORD_SHEET);
  fillSheet(record, ROPA_COLUMNS, ropaRows(manifest, options).map(rowCells));
  record.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ROPA_COLUMNS.length } };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
