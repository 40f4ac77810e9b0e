import { formatDateRu, formatMarkValue, formatNumberRu, formatPeriod, greetingName, pluralRu } from './ru-format';

describe('formatDateRu', () => {
  it('formats a date with the genitive month', () => {
    expect(formatDateRu('2026-12-03')).toBe('3 декабря 2026');
  });

  it.each([
    ['2027-01-15', '15 января 2027'],
    ['2027-02-01', '1 февраля 2027'],
    ['2027-03-08', '8 марта 2027'],
    ['2027-04-30', '30 апреля 2027'],
    ['2027-05-09', '9 мая 2027'],
    ['2027-06-20', '20 июня 2027'],
    ['2027-07-01', '1 июля 2027'],
    ['2027-08-31', '31 августа 2027'],
    ['2026-09-01', '1 сентября 2026'],
    ['2026-10-05', '5 октября 2026'],
    ['2026-11-04', '4 ноября 2026'],
    ['2028-02-29', '29 февраля 2028'],
  ])('formats %s', (isoDate, expected) => {
    expect(formatDateRu(isoDate)).toBe(expected);
  });

  it.each(['2027-02-29', '2026-13-01', '2026-12-32', '2026-1-3', '03.12.2026', '2026-12-03T10:00:00Z', ''])(
    'rejects %p',
    (isoDate) => {
      expect(() => formatDateRu(isoDate)).toThrow(RangeError);
      expect(() => formatDateRu(isoDate)).toThrow(`Invalid date ${JSON.stringify(isoDate)}`);
    },
  );
});

describe('formatPeriod', () => {
  it.each([
    [{ kind: 'quarter', number: 2, schoolYear: '2026/2027' }, '2 четверть 2026/2027'],
    [{ kind: 'trimester', number: 3, schoolYear: '2026/2027' }, '3 триместр 2026/2027'],
    [{ kind: 'half-year', number: 1, schoolYear: '2026/2027' }, '1 полугодие 2026/2027'],
    [{ kind: 'year', schoolYear: '2026/2027' }, 'год 2026/2027'],
    [{ kind: 'year', number: 1, schoolYear: '2026/2027' }, 'год 2026/2027'],
  ] as const)('formats %p', (period, expected) => {
    expect(formatPeriod(period)).toBe(expected);
  });

  it.each([
    [{ kind: 'quarter', schoolYear: '2026/2027' }, 'Invalid quarter number undefined'],
    [{ kind: 'quarter', number: 5, schoolYear: '2026/2027' }, 'Invalid quarter number 5'],
    [{ kind: 'trimester', number: 4, schoolYear: '2026/2027' }, 'Invalid trimester number 4'],
    [{ kind: 'half-year', number: 3, schoolYear: '2026/2027' }, 'Invalid half-year number 3'],
    [{ kind: 'half-year', number: 0, schoolYear: '2026/2027' }, 'Invalid half-year number 0'],
  ] as const)('rejects %p', (period, message) => {
    expect(() => formatPeriod(period)).toThrow(message);
  });
});

describe('formatMarkValue', () => {
  it.each([
    [5, '5'],
    [1, '1'],
    ['н', 'н (отсутствовал(а) на уроке)'],
    ['осв', 'освобождён(а)'],
    ['зач', 'зачёт'],
    ['незач', 'незачёт'],
    ['н/а', 'не аттестован(а)'],
  ] as const)('formats %p', (value, expected) => {
    expect(formatMarkValue(value)).toBe(expected);
  });
});

describe('greetingName', () => {
  it.each([
    ['Иванова Мария Петровна', 'Мария Петровна'],
    ['  Иванова   Мария  Петровна ', 'Мария Петровна'],
    ['Мария Иванова', 'Мария Иванова'],
    ['Иванова', 'Иванова'],
    ['Алиев Руслан Тофик оглы', 'Алиев Руслан Тофик оглы'],
  ])('greets %p as %p', (fullName, expected) => {
    expect(greetingName(fullName)).toBe(expected);
  });
});

describe('pluralRu', () => {
  const forms = ['балл', 'балла', 'баллов'] as const;

  it.each([
    [0, 'баллов'],
    [1, 'балл'],
    [2, 'балла'],
    [4, 'балла'],
    [5, 'баллов'],
    [11, 'баллов'],
    [12, 'баллов'],
    [14, 'баллов'],
    [21, 'балл'],
    [22, 'балла'],
    [25, 'баллов'],
    [101, 'балл'],
    [111, 'баллов'],
    [4.5, 'балла'],
  ])('uses the right form for %p', (count, expected) => {
    expect(pluralRu(count, forms)).toBe(expected);
  });
});

describe('formatNumberRu', () => {
  it('uses a decimal comma', () => {
    expect(formatNumberRu(4.5)).toBe('4,5');
    expect(formatNumberRu(78)).toBe('78');
  });
});
