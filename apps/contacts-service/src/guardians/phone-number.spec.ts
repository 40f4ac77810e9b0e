import { normalizeRussianPhone } from './phone-number';

describe('normalizeRussianPhone', () => {
  it.each([
    ['8 (921) 123-45-67'],
    ['+7 921 123 45 67'],
    ['8-921-123-45-67'],
    ['89211234567'],
    ['+79211234567'],
    ['7 921 1234567'],
    ['+7 (921) 123-45-67'],
    ['8(921)123-45-67'],
    ['+7(921)1234567'],
    ['8 921 123-4567'],
    ['+7 921 123 - 45 - 67'],
    ['8\u00A0921\u00A0123\u201345\u201367'],
    ['  +7 921 123 45 67  '],
    ['7-921-1234567'],
  ])('converts %j to +79211234567', (input) => {
    expect(normalizeRussianPhone(input)).toBe('+79211234567');
  });

  it.each([
    ['a Moscow landline', '8 (495) 123-45-67', '+74951234567'],
    ['a toll-free number', '8 800 555-35-35', '+78005553535'],
    ['a Kazakh number in the +7 zone', '+7 701 123 45 67', '+77011234567'],
    ['a sandbox number', '+7 999 021-21-11', '+79990212111'],
  ])('converts %s', (_name, input, expected) => {
    expect(normalizeRussianPhone(input)).toBe(expected);
  });

  it.each([
    ['an empty string', ''],
    ['ten digits without the trunk prefix', '9211234567'],
    ['the national part alone with spaces', '921 123-45-67'],
    ['twelve digits', '892112345678'],
    ['ten digits after 8', '8921123456'],
    ['+8 as country code', '+8 921 123 45 67'],
    ['a foreign number', '+375 29 123-45-67'],
    ['a German number', '+49 30 1234567'],
    ['the trunk prefix after +7', '+7 8 921 123 45 67'],
    ['an unassigned code starting with 0', '+7 021 123 45 67'],
    ['an unassigned code starting with 5', '8 521 123 45 67'],
    ['an unclosed parenthesis', '8 (921 123-45-67'],
    ['parentheses around the wrong group', '8 921 (123) 45-67'],
    ['two hyphens in a row', '8--921-123-45-67'],
    ['letters', '8 921 ABC-45-67'],
    ['an extension', '8 921 123-45-67 доб. 12'],
    ['full-width digits', '８９２１１２３４５６７'],
    ['dots as separators', '8.921.123.45.67'],
    ['a line break', '8 921 123-45-67\n'],
    ['a line break between groups', '8 921\n123-45-67'],
    ['a tab between groups', '8\t921\t1234567'],
    ['two plus signs', '++7 921 123 45 67'],
    ['a plus in the middle', '8 921 +123 45 67'],
  ])('rejects %s', (_name, input) => {
    expect(normalizeRussianPhone(input)).toBeNull();
  });
});
