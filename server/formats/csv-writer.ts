// The one CSV writer of every CSV export (point tables, area comparisons, packets): csv-stringify quotes and escapes,
// CRLF ends rows, and text a spreadsheet would run as a formula is neutralised.
import { stringify } from 'csv-stringify/sync';
import { encodeText } from './text-encoding';

/** A cell: text, a number, or empty (null/undefined). */
export type CsvCell = string | number | boolean | null | undefined;

/** Plain numbers as spreadsheets read them ("-3.20", "+1.25", "12.5%"): left alone though they start with + or -. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;

/**
 * Text a spreadsheet would read as a formula (CSV injection: =, +, -, @, or a leading tab or CR) gets a leading
 * apostrophe, which Excel and WPS show as text; plain numbers are kept as they are.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * Rows as CSV bytes: UTF-8 with a byte-order mark by default (so Excel opens Chinese text), or GBK; CRLF row ends;
 * fields quoted when they hold a comma, quote or line break.
 */
export function writeCsv(rows: CsvCell[][], options: { encoding?: 'utf-8' | 'gbk' } = {}): Uint8Array {
  const text = stringify(rows, {
    record_delimiter: '\r\n',
    // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone CR or LF: quote those too
    quoted_match: /[\r\n]/,
    cast: { string: neutraliseFormula, boolean: (v) => String(v) },
  });
  return (options.encoding ?? 'utf-8') === 'gbk' ? encodeText(text, 'gbk') : encodeText('\uFEFF' + text, 'utf-8');
}
