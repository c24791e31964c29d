import { stringify } from 'csv-stringify/sync';

/**
 * CSV for Excel, the one place every downloadable table is written: a UTF-8 byte order mark
 * (without it Excel reads UTF-8 as the local code page and å, ä, ö break), semicolons between
 * fields (Swedish Excel's list separator: with commas a double-clicked file lands in one column),
 * CRLF line ends, a header row, and numbers as plain integers (no thousands separator, so Excel
 * sees numbers, not text). Empty cells for null.
 */
export const CSV_DELIMITER = ';';

export type CsvCell = string | number | null;

export interface CsvTable {
  header: string[];
  rows: CsvCell[][];
}

/**
 * Text a spreadsheet would run as a formula starts with one of these (OWASP, "CSV Injection"): a
 * title typed as `=HYPERLINK(…)` would otherwise become a live link in head office's Excel.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that could start a formula gets a leading `'`, which Excel shows as text and does
 * not run. Numbers are written as they are: an amount, even a negative one, stays a number.
 */
export const neutralised = (cell: CsvCell): CsvCell =>
  typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;

export const toCsv = (table: CsvTable): string =>
  stringify(
    [table.header, ...table.rows].map((row) => row.map(neutralised)),
    {
      bom: true,
      delimiter: CSV_DELIMITER,
      record_delimiter: 'windows',
    },
  );
