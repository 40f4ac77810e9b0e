/**
 * Line terminators of Unicode: LF, VT, FF, CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
 * A name or address with one of them could start a new header line in an email or
 * split an SMS, so no text field accepts them.
 */
const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/;

export function containsLineBreak(value: string): boolean {
  return LINE_BREAK.test(value);
}
