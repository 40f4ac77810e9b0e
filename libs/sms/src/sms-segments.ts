/** Text encoding an SMS is sent in: the GSM 03.38 7-bit default alphabet, or UCS-2 (UTF-16 code units). */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Encoding, segment count and length in encoding units (septets or UTF-16 code units) of one SMS text. */
export interface SmsSegmentCount {
  encoding: SmsEncoding;
  segments: number;
  units: number;
}

/**
 * Characters of the GSM 03.38 default alphabet (3GPP TS 23.038, section 6.2.1), one septet each.
 * Position 0x09 is the capital Ç as the standard prints it. The backtick is not in the alphabet.
 */
const GSM_BASIC_CHARACTERS = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** Characters of the GSM 03.38 extension table: each is an escape septet plus one septet. */
const GSM_EXTENSION_CHARACTERS = new Set('\f^{}\\[~]|€');

/** Units per message: a single SMS, or one part of a concatenated SMS (the rest of a part contains the UDH). */
const SEGMENT_CAPACITY: Record<SmsEncoding, { single: number; multipart: number }> = {
  'GSM-7': { single: 160, multipart: 153 },
  'UCS-2': { single: 70, multipart: 67 },
};

/** Appended by fitSmsText. It is not in the GSM alphabet, so a shortened text is always UCS-2. */
const ELLIPSIS = '…';

/** Trailing separators dropped before the ellipsis, so a cut never ends in ", …" or " —…". */
const TRAILING_SEPARATORS = /[\s.,;:\u2013\u2014-]+$/u;

/**
 * Counts the encoding, segments and units of `text` as a carrier splits it. An extension character
 * (2 septets) or a surrogate pair (2 code units) never straddles two parts, so it starts the next one.
 * An empty text counts as one segment.
 */
export function countSmsSegments(text: string): SmsSegmentCount {
  const encoding = detectEncoding(text);
  const costs = characterCosts(text, encoding);
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  return { encoding, segments: packSegments(costs, encoding), units };
}

/**
 * Shortens `text` to at most `maxSegments` segments: whole words followed by '…', with the
 * whitespace and separators at the cut removed. Returns the text unchanged when it already fits.
 */
export function fitSmsText(text: string, maxSegments: number): string {
  if (!Number.isInteger(maxSegments) || maxSegments < 1) {
    throw new RangeError(`Invalid maxSegments ${maxSegments}: expected an integer of at least 1`);
  }
  if (countSmsSegments(text).segments <= maxSegments) {
    return text;
  }

  const fits = (prefix: string): boolean => countSmsSegments(prefix + ELLIPSIS).segments <= maxSegments;

  // Each candidate ends at a word end. Longer prefixes never take fewer segments, so the
  // longest one that fits is found by binary search.
  const candidates = wordPrefixes(text);
  let low = 0;
  let high = candidates.length - 1;
  let best: string | undefined;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const candidate = candidates[middle] as string;
    if (fits(candidate)) {
      best = candidate;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (best !== undefined) {
    return best + ELLIPSIS;
  }

  // Last resort: not even the first word fits, so it is cut between two code points.
  return hardCut(text.trimStart(), fits) + ELLIPSIS;
}

function detectEncoding(text: string): SmsEncoding {
  for (const character of text) {
    if (!GSM_BASIC_CHARACTERS.has(character) && !GSM_EXTENSION_CHARACTERS.has(character)) {
      return 'UCS-2';
    }
  }
  return 'GSM-7';
}

/** Units of each character (code point) of `text` in `encoding`. */
function characterCosts(text: string, encoding: SmsEncoding): number[] {
  const costs: number[] = [];
  for (const character of text) {
    if (encoding === 'GSM-7') {
      costs.push(GSM_EXTENSION_CHARACTERS.has(character) ? 2 : 1);
    } else {
      costs.push(character.length);
    }
  }
  return costs;
}

function packSegments(costs: readonly number[], encoding: SmsEncoding): number {
  const capacity = SEGMENT_CAPACITY[encoding];
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  if (units <= capacity.single) {
    return 1;
  }

  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > capacity.multipart) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return segments;
}

/**
 * Prefixes of `text` that end at the end of a word (a run of non-whitespace), shortest first,
 * with trailing separators removed. Prefixes that are empty after the removal are left out.
 */
function wordPrefixes(text: string): string[] {
  const prefixes: string[] = [];
  for (const match of text.matchAll(/\S+/gu)) {
    const prefix = text.slice(0, match.index + match[0].length).replace(TRAILING_SEPARATORS, '');
    if (prefix.trim() !== '') {
      prefixes.push(prefix);
    }
  }
  return prefixes;
}

/** Returns the longest run of whole code points from the start of `text` that `fits`. */
function hardCut(text: string, fits: (prefix: string) => boolean): string {
  let prefix = '';
  for (const character of text) {
    if (!fits(prefix + character)) {
      break;
    }
    prefix += character;
  }
  return prefix;
}
