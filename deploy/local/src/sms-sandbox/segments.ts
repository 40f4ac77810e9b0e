/**
 * SMS segment counting as carriers do it, after 3GPP TS 23.038 (GSM 7-bit default alphabet)
 * and TS 23.040 (concatenated SMS).
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  numSegments: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
}

// GSM 03.38 basic character set. ESC (0x1B) is left out because it only prefixes extension characters.
const GSM_BASIC_CHARACTERS =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

// Extension table characters, each sent as ESC plus one septet.
const GSM_EXTENSION_CHARACTERS = '\f^{}\\[~]|€';

const GSM_BASIC = new Set(GSM_BASIC_CHARACTERS);
const GSM_EXTENSION = new Set(GSM_EXTENSION_CHARACTERS);

/** Capacity of one segment: a single SMS, or one part of a concatenated SMS after its 6-byte header. */
const CAPACITY: Record<SmsEncoding, { single: number; concatenated: number }> = {
  'GSM-7': { single: 160, concatenated: 153 },
  'UCS-2': { single: 70, concatenated: 67 },
};

/**
 * Counts the segments of an SMS body. The body is GSM-7 when every character is in the basic
 * set or the extension table, and UCS-2 otherwise. Cyrillic text is always UCS-2.
 * An extension character (2 septets) and a surrogate pair (2 code units) are never split
 * across segments, so a long body can need one segment more than units / capacity.
 */
export function countSegments(body: string): SegmentCount {
  const characters = Array.from(body);
  const encoding: SmsEncoding = characters.every((character) => GSM_BASIC.has(character) || GSM_EXTENSION.has(character))
    ? 'GSM-7'
    : 'UCS-2';
  const widths = characters.map((character) => characterWidth(character, encoding));
  const units = widths.reduce((sum, width) => sum + width, 0);

  const capacity = CAPACITY[encoding];
  if (units <= capacity.single) {
    return { encoding, numSegments: 1, units };
  }

  let numSegments = 1;
  let used = 0;
  for (const width of widths) {
    if (used + width > capacity.concatenated) {
      numSegments += 1;
      used = 0;
    }
    used += width;
  }
  return { encoding, numSegments, units };
}

function characterWidth(character: string, encoding: SmsEncoding): number {
  if (encoding === 'UCS-2') return character.length;
  return GSM_EXTENSION.has(character) ? 2 : 1;
}
