/**
 * An incremental XML tokenizer for workbook parts: text arrives in chunks
 * (as it is inflated) and tags are reported as they complete, so a sheet of
 * any size is read without holding its XML. Only what OOXML parts use is
 * understood: elements, attributes, text, comments, CDATA, processing
 * instructions and a DOCTYPE (skipped; no entity of its own is expanded).
 */
export interface XmlHandler {
  /** `name` without its namespace prefix; the raw attribute text is `source.slice(start, end)` (not cut out, for speed). */
  open(name: string, source: string, start: number, end: number, selfClosing: boolean): void;
  close(name: string): void;
  /**
   * Text at `source.slice(start, end)` (not cut out: most text between tags
   * is not wanted), raw (entities not yet decoded; see `decodeXmlText`),
   * possibly in pieces. CDATA comes decoded, with `decoded` set.
   */
  text(source: string, start: number, end: number, decoded: boolean): void;
}

/** Unfinished markup longer than this is not a workbook (a tag or comment never closed). */
const MAX_PENDING = 4 * 1024 * 1024;

export class XmlError extends Error {}

export class XmlScanner {
  private pending = '';

  constructor(private readonly handler: XmlHandler) {}

  push(chunk: string): void {
    const buffer = this.pending.length > 0 ? this.pending + chunk : chunk;
    this.pending = '';
    const handler = this.handler;
    let position = 0;
    const length = buffer.length;
    while (position < length) {
      const lt = buffer.indexOf('<', position);
      if (lt === -1) {
        handler.text(buffer, position, length, false);
        return;
      }
      if (lt > position) handler.text(buffer, position, lt, false);
      const next = buffer.charCodeAt(lt + 1);
      let end: number;
      if (next === 0x21 /* ! */) {
        if (buffer.startsWith('<!--', lt)) {
          end = buffer.indexOf('-->', lt + 4);
          if (end === -1) return this.keep(buffer, lt);
          position = end + 3;
        } else if (buffer.startsWith('<![CDATA[', lt)) {
          end = buffer.indexOf(']]>', lt + 9);
          if (end === -1) return this.keep(buffer, lt);
          handler.text(buffer, lt + 9, end, true);
          position = end + 3;
        } else {
          // <!DOCTYPE …> with or without an internal subset; nothing in it is used.
          const subset = buffer.indexOf('[', lt);
          const close = buffer.indexOf('>', lt);
          if (close === -1) return this.keep(buffer, lt);
          if (subset !== -1 && subset < close) {
            end = buffer.indexOf(']>', subset);
            if (end === -1) return this.keep(buffer, lt);
            position = end + 2;
          } else {
            position = close + 1;
          }
        }
        continue;
      }
      if (next === 0x3f /* ? */) {
        end = buffer.indexOf('?>', lt + 2);
        if (end === -1) return this.keep(buffer, lt);
        position = end + 2;
        continue;
      }
      if (Number.isNaN(next)) return this.keep(buffer, lt);
      end = tagEnd(buffer, lt + 1);
      if (end === -1) return this.keep(buffer, lt);
      if (next === 0x2f /* / */) {
        // `</c>`, `</v>`: one-letter names need no trimming or prefix check.
        handler.close(end === lt + 3 ? buffer.charAt(lt + 2) : localName(buffer.slice(lt + 2, end).trim()));
      } else {
        const selfClosing = buffer.charCodeAt(end - 1) === 0x2f;
        const innerEnd = selfClosing ? end - 1 : end;
        let nameEnd = lt + 1;
        while (nameEnd < innerEnd && !isSpace(buffer.charCodeAt(nameEnd))) nameEnd++;
        handler.open(nameEnd === lt + 2 ? buffer.charAt(lt + 1) : localName(buffer.slice(lt + 1, nameEnd)), buffer, nameEnd, innerEnd, selfClosing);
      }
      position = end + 1;
    }
  }

  /** The end of the part: unfinished markup means the XML was cut short. */
  end(): void {
    if (this.pending.length > 0) throw new XmlError(`the XML ends inside a tag (${JSON.stringify(this.pending.slice(0, 40))}…)`);
  }

  private keep(buffer: string, from: number): void {
    if (buffer.length - from > MAX_PENDING) throw new XmlError(`a tag or comment runs on for more than ${MAX_PENDING / 1024 / 1024} MB (${JSON.stringify(buffer.slice(from, from + 40))}…)`);
    this.pending = buffer.slice(from);
  }
}

/** The `>` that ends a tag starting at `from`, outside quoted attribute values; -1 when it has not arrived yet. */
function tagEnd(buffer: string, from: number): number {
  const end = buffer.indexOf('>', from);
  if (end === -1) return -1;
  // The usual case: no quote, or balanced double quotes and no single ones.
  let quotes = 0;
  let single = false;
  for (let index = from; index < end; index++) {
    const code = buffer.charCodeAt(index);
    if (code === 0x22) quotes++;
    else if (code === 0x27) single = true;
  }
  if (!single && quotes % 2 === 0) return end;
  let quote = 0;
  for (let index = from; index < buffer.length; index++) {
    const code = buffer.charCodeAt(index);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) {
      quote = code;
    } else if (code === 0x3e) {
      return index;
    }
  }
  return -1;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a tag (names without prefix, except `r:id`-style ones, kept whole too), values decoded. */
export function xmlAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(text); match; match = ATTRIBUTE.exec(text)) {
    const value = decodeXmlText(match[2] ?? match[3] ?? '');
    const name = match[1]!;
    attributes[name] = value;
    const local = localName(name);
    if (local !== name && !(local in attributes)) attributes[local] = value;
  }
  return attributes;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** XML character references and OOXML's `_xHHHH_` escapes decoded. */
export function decodeXmlText(text: string): string {
  let decoded = text;
  if (decoded.includes('&')) {
    decoded = decoded.replace(ENTITY, (whole, entity: string) => {
      if (entity.charCodeAt(0) !== 0x23) return NAMED[entity] ?? whole;
      const code = entity.charCodeAt(1) === 0x78 ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  }
  return decodeOoxmlEscapes(decoded);
}

export function decodeOoxmlEscapes(text: string): string {
  return text.includes('_x') ? text.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;
}
