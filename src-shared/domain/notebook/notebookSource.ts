import type { ExtraFields, JsonValue } from './NotebookDocument';
import { decodeFieldValue, FIELD_LINE } from './fieldValue';
import { bilingual, type TextParams } from '../bilingual';
import { NotebookFormatError, problem } from './notebookProblem';
import type { NotebookProblemCode } from './notebookProblemTexts';

/**
 * The notebook file as text, before any meaning is given to cells: the
 * front-matter header, then fenced blocks. Every part remembers its exact
 * text so that an unchanged part is written back byte for byte.
 */

export interface SourceField {
  key: string;
  value: JsonValue;
  /** The line as written, without its terminator. */
  raw: string;
  line: number;
}

export interface SourceHeader {
  fields: SourceField[];
  /** From the first `---` through the closing `---` (without its terminator). */
  raw: string;
  terminator: string;
  line: number;
}

export interface SourceInfo {
  type: string;
  name: string | null;
  extra: ExtraFields;
}

export interface SourceBlock {
  /** The info string after the opening fence, trimmed. */
  infoText: string;
  info: SourceInfo;
  /** Content lines between the fences, without terminators (a CR of a CRLF pair removed). */
  bodyLines: string[];
  /** Line of the opening fence. */
  line: number;
  /** Blank lines before the block, then the block through its closing fence, without the final terminator. */
  raw: string;
  terminator: string;
}

export interface NotebookSource {
  bom: boolean;
  /** The file's line ending (its first one), used for parts written anew. */
  lineEnding: '\n' | '\r\n';
  header: SourceHeader;
  blocks: SourceBlock[];
  /** Blank lines after the last block, kept as written. */
  tail: string;
}

interface Line {
  text: string;
  terminator: string;
  /** Offset of the line's first character. */
  start: number;
  number: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) {
      lines.push({ text: text.slice(start), terminator: '', start, number });
      break;
    }
    const crlf = newline > start && text[newline - 1] === '\r';
    lines.push({
      text: text.slice(start, crlf ? newline - 1 : newline),
      terminator: crlf ? '\r\n' : '\n',
      start,
      number,
    });
    start = newline + 1;
    number += 1;
  }
  return lines;
}

const OPENING_FENCE = /^(`{3,})(.*)$/;
const CLOSING_FENCE = /^ {0,3}(`{3,})[ \t]*$/;
const INFO_TYPE = /^([A-Za-z][A-Za-z0-9_-]*)(?:\s+|$)/;

function fail(line: number | null, code: NotebookProblemCode, params: TextParams = {}): never {
  throw new NotebookFormatError(problem('error', line, code, params));
}

/** Decodes file bytes as UTF-8, refusing binary data and invalid sequences with the line where they are. */
export function decodeNotebookBytes(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    fail(lineAtByte(bytes, nul), 'binary', { offset: nul });
  }
  const invalid = firstInvalidUtf8(bytes);
  if (invalid !== -1) {
    fail(lineAtByte(bytes, invalid), 'encoding', { offset: invalid });
  }
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line += 1;
  return line;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    let length: number;
    let min: number;
    if (byte < 0x80) {
      index += 1;
      continue;
    } else if (byte >= 0xc2 && byte <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return index;
    }
    if (index + length > bytes.length) return index;
    let codePoint = byte & (0xff >> (length + 1));
    for (let continuation = 1; continuation < length; continuation++) {
      const next = bytes[index + continuation]!;
      if ((next & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += length;
  }
  return -1;
}

/** Reads the info string after an opening fence: `type [name] [{json}]`. */
export function parseInfo(infoText: string, line: number): SourceInfo {
  const typeMatch = INFO_TYPE.exec(infoText);
  if (!typeMatch) {
    fail(line, 'fence-type', { text: infoText });
  }
  const type = typeMatch[1]!;
  let rest = infoText.slice(typeMatch[0].length).trim();
  let name: string | null = null;
  if (rest !== '' && !rest.startsWith('{')) {
    const space = rest.search(/\s/);
    name = space === -1 ? rest : rest.slice(0, space);
    rest = space === -1 ? '' : rest.slice(space).trim();
  }
  let extra: [string, JsonValue][] = [];
  if (rest !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rest);
    } catch (error) {
      fail(line, 'fence-extra', { text: rest, detail: (error as Error).message });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      const found = Array.isArray(parsed) ? bilingual('found a list', '实际是列表') : bilingual(`found ${JSON.stringify(parsed)}`, `实际是 ${JSON.stringify(parsed)}`);
      fail(line, 'fence-extra', { text: rest, detail: found });
    }
    extra = Object.entries(parsed as Record<string, JsonValue>);
  }
  return { type, name, extra };
}

/**
 * Parses notebook text into header and blocks. Throws NotebookFormatError
 * naming the line for anything that is not the notebook format: a missing
 * or unclosed header, text between cells, a fence that is never closed
 * (a truncated file).
 */
export function parseNotebookSource(input: string): NotebookSource {
  const bom = input.startsWith('\uFEFF');
  const text = bom ? input.slice(1) : input;
  const lines = splitLines(text);
  if (lines.length === 0 || lines.every((line) => line.text.trim() === '')) {
    fail(1, 'empty');
  }
  const lineEnding = lines.find((line) => line.terminator !== '')?.terminator === '\r\n' ? '\r\n' : '\n';

  const first = lines[0]!;
  if (first.text !== '---') {
    fail(1, 'no-header');
  }
  const fields: SourceField[] = [];
  let index = 1;
  let closed = false;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.text === '---') {
      closed = true;
      break;
    }
    const match = FIELD_LINE.exec(line.text);
    if (!match) fail(line.number, 'header-line', { text: line.text });
    const decoded = decodeFieldValue(match[2] ?? '');
    if (!decoded.ok) fail(line.number, 'header-value', { key: match[1]!, detail: decoded.detail });
    if (fields.some((field) => field.key === match[1])) {
      fail(line.number, 'duplicate-field', { key: match[1]! });
    }
    fields.push({ key: match[1]!, value: decoded.value, raw: line.text, line: line.number });
  }
  if (!closed) fail(lines[lines.length - 1]!.number, 'header-unclosed');
  const headerEnd = lines[index]!;
  const header: SourceHeader = {
    fields,
    raw: text.slice(0, headerEnd.start + headerEnd.text.length),
    terminator: headerEnd.terminator,
    line: 1,
  };
  index += 1;

  const blocks: SourceBlock[] = [];
  let segmentStart = headerEnd.start + headerEnd.text.length + headerEnd.terminator.length;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.text.trim() === '') {
      index += 1;
      continue;
    }
    const opening = OPENING_FENCE.exec(line.text);
    if (!opening) {
      fail(line.number, 'outside-cell', { text: line.text.slice(0, 40) });
    }
    const fence = opening[1]!;
    const infoText = opening[2]!.trim();
    const info = parseInfo(infoText, line.number);
    const bodyLines: string[] = [];
    let closing: Line | null = null;
    for (index += 1; index < lines.length; index++) {
      const candidate = lines[index]!;
      const close = CLOSING_FENCE.exec(candidate.text);
      if (close && close[1]!.length >= fence.length) {
        closing = candidate;
        break;
      }
      bodyLines.push(candidate.text);
    }
    if (!closing) {
      fail(line.number, 'cell-unclosed', { type: info.type, fence });
    }
    blocks.push({
      infoText,
      info,
      bodyLines,
      line: line.number,
      raw: text.slice(segmentStart, closing.start + closing.text.length),
      terminator: closing.terminator,
    });
    segmentStart = closing.start + closing.text.length + closing.terminator.length;
    index += 1;
  }
  return { bom, lineEnding, header, blocks, tail: text.slice(segmentStart) };
}
