/**
 * Where CSV records end in a stream of UTF-8 bytes, the way DuckDB's reader
 * sees them (quote `"`, escape `""`, strict mode): a quote opens a quoted
 * field only as the field's first byte (after the delimiter, a line end or
 * the start of the file), or after exactly one space there (`a, "b"`); inside it, `""` is a quote and a line feed is
 * data; a quote anywhere else (`15.6" 屏幕`) is an ordinary character. Used
 * to cut a large file into parts that DuckDB can read one by one.
 *
 * The caller reports only quote and line-feed bytes, with their offsets in
 * the whole output: work per byte of text is nil.
 */
const OUTSIDE = 0;
const INSIDE = 1;
/** Just after a quote inside a quoted field: closed, unless the next byte is a quote (`""`). */
const AFTER_QUOTE = 2;

export class CsvRecordTracker {
  private state = OUTSIDE;
  private closedAt = -2;
  /** Record ends (line feeds outside quoted fields) so far. */
  records = 0;

  constructor(private readonly delimiter: number) {}

  /** A quote at `offset` in the output; `before` and `beforeThat` are the two bytes before it (0x0A before the start). */
  quote(offset: number, before: number, beforeThat: number): void {
    if (this.state === INSIDE) {
      this.state = AFTER_QUOTE;
      this.closedAt = offset;
    } else if (this.state === AFTER_QUOTE && this.closedAt === offset - 1) {
      this.state = INSIDE;
    } else {
      this.state = this.fieldStart(before) || (before === 0x20 && this.fieldStart(beforeThat)) ? INSIDE : OUTSIDE;
    }
  }

  private fieldStart(byte: number): boolean {
    return byte === this.delimiter || byte === 0x0a || byte === 0x0d;
  }

  /** A line feed; true when it ends a record. */
  lineFeed(): boolean {
    if (this.state === INSIDE) return false;
    this.state = OUTSIDE;
    this.records += 1;
    return true;
  }
}

/** The last record end in a block of output: the offset just after its line feed in the block (-1 for none), and the records up to there. */
export interface RecordEnd {
  end: number;
  records: number;
}

/**
 * Scans a block of UTF-8 output byte by byte (for converters that do not see
 * each byte themselves); `before` holds the two bytes before the block
 * (line feeds before the start), and is updated to the block's last two.
 */
export function scanRecords(tracker: CsvRecordTracker, bytes: Uint8Array, outputOffset: number, before: [number, number], last: RecordEnd): void {
  last.end = -1;
  const at = (index: number): number => (index >= 0 ? bytes[index]! : before[2 + index]!);
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte === 0x22) tracker.quote(outputOffset + index, at(index - 1), at(index - 2));
    else if (byte === 0x0a && tracker.lineFeed()) {
      last.end = index + 1;
      last.records = tracker.records;
    }
  }  if (bytes.length > 0) {
    const [second, first] = [at(bytes.length - 2), at(bytes.length - 1)];
    before[0] = second;
    before[1] = first;
  }
}
