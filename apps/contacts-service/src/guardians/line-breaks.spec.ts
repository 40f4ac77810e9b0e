import { containsLineBreak } from './line-breaks';

describe('containsLineBreak', () => {
  it.each([
    ['line feed', 'Иванова\nМария'],
    ['carriage return', 'Иванова\rМария'],
    ['CRLF', 'ivanova@example.ru\r\nBcc: all@example.ru'],
    ['a trailing line feed', 'Иванова Мария\n'],
    ['a leading line feed', '\nИванова Мария'],
    ['line separator', 'Иванова\u2028Мария'],
    ['paragraph separator', 'Иванова\u2029Мария'],
    ['next line', 'Иванова\u0085Мария'],
    ['vertical tab', 'Иванова\vМария'],
    ['form feed', 'Иванова\fМария'],
    ['only a line break', '\n'],
  ])('finds %s', (_name, value) => {
    expect(containsLineBreak(value)).toBe(true);
  });

  it.each([
    ['a name', 'Иванова Мария Петровна'],
    ['an email address', 'ivanova@example.ru'],
    ['a tab', 'Иванова\tМария'],
    ['a no-break space', 'Иванова\u00A0Мария'],
    ['the letters n and r after a backslash', 'C:\\new\\report'],
    ['an empty string', ''],
  ])('finds none in %s', (_name, value) => {
    expect(containsLineBreak(value)).toBe(false);
  });
});
