import { countRu, NOUNS_RU, pluralRu } from './plural-ru';

describe('pluralRu', () => {
  it.each([
    [1, 'запись'],
    [2, 'записи'],
    [4, 'записи'],
    [5, 'записей'],
    [0, 'записей'],
    [11, 'записей'],
    [12, 'записей'],
    [14, 'записей'],
    [21, 'запись'],
    [22, 'записи'],
    [111, 'записей'],
    [664, 'записи'],
    [1001, 'запись'],
  ])('picks the form for %i', (count, expected) => {
    expect(pluralRu(count, NOUNS_RU.record)).toBe(expected);
  });

  it('writes the count before the noun', () => {
    expect(countRu(4, NOUNS_RU.homework)).toBe('4 домашних задания');
    expect(countRu(1, NOUNS_RU.guardian)).toBe('1 представитель');
    expect(countRu(2, NOUNS_RU.guardian)).toBe('2 представителя');
    expect(countRu(5, NOUNS_RU.guardian)).toBe('5 представителей');
  });
});
