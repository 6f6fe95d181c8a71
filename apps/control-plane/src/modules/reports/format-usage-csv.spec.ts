import { describe, expect, it } from 'vitest';
import { formatNanoUsd } from './format-nano-usd.js';
import { formatCsv, formatCsvField } from './format-usage-csv.js';

describe('formatCsv (RFC 4180)', () => {
  it('writes a header row and CRLF-terminated records', () => {
    expect(
      formatCsv(
        ['a', 'b'],
        [
          ['1', '2'],
          ['3', ''],
        ],
      ),
    ).toBe('a,b\r\n1,2\r\n3,\r\n');
  });

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(formatCsvField('carol, "the boss"')).toBe('"carol, ""the boss"""');
    expect(formatCsvField('two\nlines')).toBe('"two\nlines"');
    expect(formatCsvField('plain')).toBe('plain');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(formatCsvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(formatCsvField('+1')).toBe("'+1");
    expect(formatCsvField('@sum')).toBe("'@sum");
    expect(formatCsvField('12345')).toBe('12345');
  });
});

describe('formatNanoUsd', () => {
  it('moves the decimal point nine places, exactly', () => {
    expect(formatNanoUsd(0n)).toBe('0.000000000');
    expect(formatNanoUsd(1234n)).toBe('0.000001234');
    expect(formatNanoUsd(1_250_000_000n)).toBe('1.250000000');
    expect(formatNanoUsd(9_007_199_254_740_993n)).toBe('9007199.254740993');
  });
});
