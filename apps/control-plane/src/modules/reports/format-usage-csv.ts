/**
 * RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they contain a comma, a quote
 * or a line break (quotes doubled). Text that a spreadsheet would run as a formula (starting with
 * = + - @, a tab or a carriage return) is prefixed with an apostrophe, as OWASP advises for CSV
 * exports; our numbers are never negative, so no number is affected.
 */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(formatCsvField).join(',') + '\r\n').join('');
}

export function formatCsvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
