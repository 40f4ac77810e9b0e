import { countSmsSegments, fitSmsText } from './sms-segments';

const CYRILLIC = 'ж';
const GRINNING_FACE = '\u{1F600}';

describe('countSmsSegments', () => {
  it.each([
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
    [201, 3],
    [202, 4],
  ])('splits %i Cyrillic units into %i segments', (length, segments) => {
    const result = countSmsSegments(CYRILLIC.repeat(length));

    expect(result.encoding).toBe('UCS-2');
    expect(result.units).toBe(length);
    expect(result.segments).toBe(segments);
  });

  it.each([
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
  ])('splits %i GSM characters into %i segments', (length, segments) => {
    const result = countSmsSegments('a'.repeat(length));

    expect(result.encoding).toBe('GSM-7');
    expect(result.units).toBe(length);
    expect(result.segments).toBe(segments);
  });

  it('counts one empty segment for an empty text', () => {
    expect(countSmsSegments('')).toEqual({ encoding: 'GSM-7', segments: 1, units: 0 });
  });

  it('keeps GSM-7 for the whole basic set', () => {
    const basic = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà';

    expect(countSmsSegments(basic).encoding).toBe('GSM-7');
    expect(countSmsSegments(basic).units).toBe([...basic].length);
  });

  it('counts extension characters as two septets', () => {
    const result = countSmsSegments('^{}\\[~]|€\f');

    expect(result.encoding).toBe('GSM-7');
    expect(result.units).toBe(20);
  });

  it('fits 80 euro signs into one segment', () => {
    expect(countSmsSegments('€'.repeat(80)).segments).toBe(1);
    expect(countSmsSegments('€'.repeat(80) + 'a').segments).toBe(2);
  });

  it('moves a straddling extension character to the next part', () => {
    // 152 septets, then an escape pair that would occupy septets 153 and 154.
    const text = 'a'.repeat(152) + '€' + 'a'.repeat(152);

    const result = countSmsSegments(text);

    expect(result.units).toBe(306);
    expect(result.segments).toBe(3);
  });

  it.each([
    ['a backtick', '`'],
    ['a Cyrillic letter', 'д'],
    ['an ellipsis', '…'],
    ['a lowercase c cedilla', 'ç'],
  ])('switches to UCS-2 for %s', (_name, character) => {
    expect(countSmsSegments(`Hello ${character}`).encoding).toBe('UCS-2');
  });

  it('counts an extension character as one UCS-2 unit', () => {
    expect(countSmsSegments('д€').units).toBe(2);
  });

  it('counts an emoji as two UCS-2 units', () => {
    const result = countSmsSegments(CYRILLIC.repeat(68) + GRINNING_FACE);

    expect(result.encoding).toBe('UCS-2');
    expect(result.units).toBe(70);
    expect(result.segments).toBe(1);
  });

  it('splits when an emoji passes 70 units', () => {
    expect(countSmsSegments(CYRILLIC.repeat(69) + GRINNING_FACE).segments).toBe(2);
  });

  it('moves a straddling surrogate pair to the next part', () => {
    // 134 units would fill two parts exactly, but the pair would occupy units 67 and 68.
    const text = CYRILLIC.repeat(66) + GRINNING_FACE + CYRILLIC.repeat(66);

    const result = countSmsSegments(text);

    expect(result.units).toBe(134);
    expect(result.segments).toBe(3);
  });
});

describe('fitSmsText', () => {
  const words = (count: number): string =>
    Array.from({ length: count }, (_, index) => `слово${index}`).join(' ');

  it('returns a fitting text unchanged', () => {
    // 70 units with the surrounding and repeated spaces.
    const text = `  ${CYRILLIC.repeat(59)}   ${CYRILLIC.repeat(5)} `;

    expect(fitSmsText(text, 1)).toBe(text);
  });

  it('returns a long GSM text that fits unchanged', () => {
    const text = 'a'.repeat(160);

    expect(fitSmsText(text, 1)).toBe(text);
  });

  it.each([1, 2, 3, 4])('fits many words into %i segments', (maxSegments) => {
    const text = words(200);

    const result = fitSmsText(text, maxSegments);

    expect(countSmsSegments(result).segments).toBeLessThanOrEqual(maxSegments);
    expect(result.endsWith('…')).toBe(true);
  });

  it.each([1, 2, 3])('keeps whole words only in %i segments', (maxSegments) => {
    const text = words(200);
    const original = text.split(' ');

    const keptWords = fitSmsText(text, maxSegments).slice(0, -1).split(' ');

    expect(keptWords).toEqual(original.slice(0, keptWords.length));
  });

  it('keeps as many words as fit', () => {
    const text = words(200);

    const result = fitSmsText(text, 2);
    const keptWords = result.slice(0, -1).split(' ');
    const withOneMore = [...keptWords, text.split(' ')[keptWords.length]].join(' ') + '…';

    expect(countSmsSegments(withOneMore).segments).toBeGreaterThan(2);
  });

  it('switches a GSM text to the UCS-2 budget', () => {
    // 170 GSM characters need two segments, and with the ellipsis only 70 units fit into one.
    const text = Array.from({ length: 34 }, () => 'abcd').join(' ');

    const result = fitSmsText(text, 1);

    expect(countSmsSegments(result)).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(result).toBe(text.slice(0, 69) + '…');
  });

  it('collapses whitespace at the cut', () => {
    const text = `${CYRILLIC.repeat(60)}    ${CYRILLIC.repeat(30)}`;

    expect(fitSmsText(text, 1)).toBe(`${CYRILLIC.repeat(60)}…`);
  });

  it('drops separators before the ellipsis', () => {
    const text = `${CYRILLIC.repeat(60)}, — ${CYRILLIC.repeat(30)}`;

    expect(fitSmsText(text, 1)).toBe(`${CYRILLIC.repeat(60)}…`);
  });

  it('cuts a word that fits only without its separator', () => {
    // The word with its comma and the ellipsis need 71 units, without the comma 70.
    const text = `${CYRILLIC.repeat(69)}, ${CYRILLIC.repeat(10)}`;

    expect(fitSmsText(text, 1)).toBe(`${CYRILLIC.repeat(69)}…`);
  });

  it('cuts the first word hard as a last resort', () => {
    const text = `${CYRILLIC.repeat(100)} ${CYRILLIC.repeat(5)}`;

    const result = fitSmsText(text, 1);

    expect(result).toBe(`${CYRILLIC.repeat(69)}…`);
  });

  it('never splits an emoji in a hard cut', () => {
    const text = `${CYRILLIC.repeat(68)}${GRINNING_FACE}${CYRILLIC.repeat(30)}`;

    const result = fitSmsText(text, 1);

    expect(result).toBe(`${CYRILLIC.repeat(68)}…`);
  });

  it('keeps an emoji word within budget', () => {
    // 152 units need three parts, and two words with the ellipsis take 102.
    const text = `${GRINNING_FACE.repeat(25)} ${GRINNING_FACE.repeat(25)} ${GRINNING_FACE.repeat(25)}`;

    const result = fitSmsText(text, 2);

    expect(result).toBe(`${GRINNING_FACE.repeat(25)} ${GRINNING_FACE.repeat(25)}…`);
    expect(countSmsSegments(result).segments).toBe(2);
  });

  it('keeps extension characters whole', () => {
    const text = `${'€'.repeat(60)} ${'€'.repeat(60)}`;

    expect(fitSmsText(text, 1)).toBe(`${'€'.repeat(60)}…`);
  });

  it('never exceeds the budget for mixed texts', () => {
    const pieces = ['Математика', '€€', GRINNING_FACE, 'abc', '—', 'контрольная,', 'x'.repeat(40), 'ё'];
    for (let length = 1; length <= 120; length += 1) {
      const text = Array.from({ length }, (_, index) => pieces[(index * 7) % pieces.length]).join(' ');
      for (const maxSegments of [1, 2, 3]) {
        const result = fitSmsText(text, maxSegments);

        expect(countSmsSegments(result).segments).toBeLessThanOrEqual(maxSegments);
      }
    }
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects maxSegments %p', (maxSegments) => {
    expect(() => fitSmsText('текст', maxSegments)).toThrow(RangeError);
    expect(() => fitSmsText('текст', maxSegments)).toThrow(`Invalid maxSegments ${maxSegments}`);
  });
});
