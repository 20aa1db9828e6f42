/**
 * Guessing the character encoding of a text file from its first bytes.
 * Files saved by Excel and WPS on Chinese Windows are GBK/GB18030; newer
 * ones are UTF-8 (often with a BOM); "Unicode text" exports are UTF-16 LE.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export const TEXT_ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'];

export interface EncodingGuess {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark at the start of the file (0 when none). */
  bomLength: number;
  /** How the guess was made, for the preview. */
  reason: 'bom' | 'utf-16-zero-bytes' | 'valid-utf-8' | 'ascii' | 'valid-gb18030' | 'fallback-gb18030';
}

/** The byte-order mark, when the bytes start with one. */
export function byteOrderMark(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0x84 && bytes[1] === 0x31 && bytes[2] === 0x95 && bytes[3] === 0x33) return { encoding: 'gb18030', length: 4 };
  return null;
}

/**
 * Guesses the encoding of `sample`, the first bytes of a file. `complete`
 * says whether the sample is the whole file: when it is not, a multi-byte
 * sequence cut at the end of the sample is not held against an encoding.
 */
export function guessEncoding(sample: Uint8Array, complete: boolean): EncodingGuess {
  const bom = byteOrderMark(sample);
  if (bom) return { encoding: bom.encoding, bomLength: bom.length, reason: 'bom' };
  const utf16 = utf16ByZeroBytes(sample);
  if (utf16) return { encoding: utf16, bomLength: 0, reason: 'utf-16-zero-bytes' };
  const utf8 = checkUtf8(sample, complete);
  if (utf8.valid) return { encoding: 'utf-8', bomLength: 0, reason: utf8.ascii ? 'ascii' : 'valid-utf-8' };
  const gb = checkGb18030(sample, complete);
  return { encoding: 'gb18030', bomLength: 0, reason: gb.valid ? 'valid-gb18030' : 'fallback-gb18030' };
}

/** UTF-16 without a BOM: text that is mostly ASCII has a zero in every other byte. */
function utf16ByZeroBytes(sample: Uint8Array): TextEncodingName | null {
  const length = Math.min(sample.length, 4096) & ~1;
  if (length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < length; index += 2) {
    if (sample[index] === 0) evenZeros += 1;
    if (sample[index + 1] === 0) oddZeros += 1;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

export interface ByteCheck {
  valid: boolean;
  /** Only bytes below 0x80. */
  ascii: boolean;
  /** Offset of the first byte that does not fit, or -1. */
  invalidAt: number;
}

/** Strict UTF-8 validation (no overlongs, no surrogates, at most U+10FFFF). */
export function checkUtf8(bytes: Uint8Array, complete: boolean): ByteCheck {
  let ascii = true;
  let index = 0;
  const length = bytes.length;
  while (index < length) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      index += 1;
      continue;
    }
    ascii = false;
    let needed: number;
    let min: number;
    if (byte >= 0xc2 && byte <= 0xdf) {
      needed = 1;
      min = 0x80;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      needed = 2;
      min = 0x800;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      needed = 3;
      min = 0x10000;
    } else {
      return { valid: false, ascii, invalidAt: index };
    }
    if (index + needed >= length) {
      if (complete) return { valid: false, ascii, invalidAt: index };
      // Cut by the end of the sample: judge only the bytes we have.
      for (let next = index + 1; next < length; next++) {
        if ((bytes[next]! & 0xc0) !== 0x80) return { valid: false, ascii, invalidAt: index };
      }
      return { valid: true, ascii, invalidAt: -1 };
    }
    let codePoint = byte & (0x3f >> needed);
    for (let next = 1; next <= needed; next++) {
      const continuation = bytes[index + next];
      if (continuation === undefined || (continuation & 0xc0) !== 0x80) return { valid: false, ascii, invalidAt: index };
      codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
      return { valid: false, ascii, invalidAt: index };
    }
    index += needed + 1;
  }
  return { valid: true, ascii, invalidAt: -1 };
}

/**
 * Structural GB18030 validation: one byte below 0x80; two bytes 81–FE then
 * 40–7E or 80–FE; four bytes 81–FE, 30–39, 81–FE, 30–39.
 */
export function checkGb18030(bytes: Uint8Array, complete: boolean): ByteCheck {
  let ascii = true;
  let index = 0;
  const length = bytes.length;
  while (index < length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    ascii = false;
    if (lead === 0x80 || lead === 0xff) return { valid: false, ascii, invalidAt: index };
    const second = bytes[index + 1];
    if (second === undefined) return complete ? { valid: false, ascii, invalidAt: index } : { valid: true, ascii, invalidAt: -1 };
    if ((second >= 0x40 && second <= 0x7e) || (second >= 0x80 && second <= 0xfe)) {
      index += 2;
      continue;
    }
    if (second >= 0x30 && second <= 0x39) {
      const third = bytes[index + 2];
      const fourth = bytes[index + 3];
      if (third === undefined || fourth === undefined) {
        if (complete) return { valid: false, ascii, invalidAt: index };
        return { valid: true, ascii, invalidAt: -1 };
      }
      if (third >= 0x81 && third <= 0xfe && fourth >= 0x30 && fourth <= 0x39) {
        index += 4;
        continue;
      }
    }
    return { valid: false, ascii, invalidAt: index };
  }
  return { valid: true, ascii, invalidAt: -1 };
}

/**
 * Whether the bytes look like a binary file rather than text in `encoding`:
 * NUL bytes in an 8-bit encoding, or many control characters.
 */
export function binaryEvidence(sample: Uint8Array, encoding: TextEncodingName): { binary: boolean; offset: number } {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return { binary: false, offset: -1 };
  let controls = 0;
  let first = -1;
  const length = Math.min(sample.length, 65536);
  for (let index = 0; index < length; index++) {
    const byte = sample[index]!;
    if (byte === 0) return { binary: true, offset: index };
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1a) {
      controls += 1;
      if (first === -1) first = index;
    }
  }
  return controls > Math.max(8, length * 0.01) ? { binary: true, offset: first } : { binary: false, offset: -1 };
}

/** The TextDecoder label for an encoding (`gb18030`, never `gbk`: ICU's gbk decoder rejects four-byte sequences). */
export function decoderLabel(encoding: TextEncodingName): string {
  return encoding;
}

/** Line (1-based) and column (1-based, in characters) of a character index in decoded text. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let position = text.indexOf('\n'); position !== -1 && position < index; position = text.indexOf('\n', position + 1)) {
    line += 1;
    lineStart = position + 1;
  }
  return { line, column: index - lineStart + 1 };
}
