import {
  CHART_KINDS,
  PARAMETER_CONTROLS,
  TARGET_METHODS,
  type CellId,
  type ChartKind,
  type ExtraFields,
  type JsonValue,
  type NotebookCell,
  type ParameterControl,
  type ParameterValue,
  type RawCell,
  type TargetMethod,
} from './NotebookDocument';
import { CHART_PRESETS, VALUE_SCALINGS, type ChartOptions } from '../chart/ChartSpec';
import { decodeFieldValue, FIELD_LINE, fieldLine, jsonText } from './fieldValue';
import { bilingual, type Bilingual, type TextParams } from '../bilingual';
import { NotebookFormatError } from './notebookProblem';
import { notebookProblemText, type NotebookProblemCode } from './notebookProblemTexts';
import { parseInfo, type SourceBlock } from './notebookSource';

/**
 * Cells to and from their fenced blocks. Markdown and SQL cells keep their
 * text as the block's body; parameter, chart and target cells are
 * `key: value` lines. A block that does not decode becomes a raw cell with
 * the problem, so one broken cell never stops the rest of a notebook from
 * opening.
 */

class CellDecodeError extends Error {
  constructor(
    readonly line: number,
    readonly code: NotebookProblemCode,
    readonly params: TextParams = {},
  ) {
    super(`line ${line}: ${notebookProblemText(code, params, 'en')}`);
  }
}

/** A raw cell's problem: where, the code and values of its text, and that text in English. */
function cellProblem(line: number, code: NotebookProblemCode, params: TextParams): NonNullable<RawCell['problem']> {
  return { line, code, params, message: notebookProblemText(code, params, 'en') };
}

interface FieldEntry {
  value: JsonValue;
  line: number;
}

function readFields(block: SourceBlock): Map<string, FieldEntry> {
  const fields = new Map<string, FieldEntry>();
  block.bodyLines.forEach((text, index) => {
    const line = block.line + 1 + index;
    if (text.trim() === '') return;
    const match = FIELD_LINE.exec(text);
    if (!match) throw new CellDecodeError(line, 'field-line', { text: text.slice(0, 40) });
    const key = match[1]!;
    if (fields.has(key)) throw new CellDecodeError(line, 'field-twice', { key });
    const decoded = decodeFieldValue(match[2] ?? '');
    if (!decoded.ok) throw new CellDecodeError(line, 'field-json', { key, detail: decoded.detail });
    fields.set(key, { value: decoded.value, line });
  });
  return fields;
}

class FieldReader {
  private readonly used = new Set<string>();
  constructor(
    private readonly fields: Map<string, FieldEntry>,
    private readonly block: SourceBlock,
  ) {}

  private where(key: string): number {
    return this.fields.get(key)?.line ?? this.block.line;
  }

  private take(key: string): JsonValue | undefined {
    this.used.add(key);
    return this.fields.get(key)?.value;
  }

  requiredString(key: string): string {
    const value = this.take(key);
    if (value === undefined) throw new CellDecodeError(this.block.line, 'field-missing', { type: this.block.info.type, key });
    if (typeof value !== 'string' || value === '') throw new CellDecodeError(this.where(key), 'field-text', { key });
    return value;
  }

  optionalString(key: string): string | null {
    const value = this.take(key);
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw new CellDecodeError(this.where(key), 'field-text', { key });
    return value;
  }

  optionalNumber(key: string): number | null {
    const value = this.take(key);
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new CellDecodeError(this.where(key), 'field-number', { key });
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T {
    const value = this.take(key);
    if (value === undefined && fallback !== undefined) return fallback;
    if (value === undefined) throw new CellDecodeError(this.block.line, 'field-missing', { type: this.block.info.type, key });
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw new CellDecodeError(this.where(key), 'field-one-of', { key, allowed: allowed.join(', '), found: JSON.stringify(value) });
    }
    return value as T;
  }

  has(key: string): boolean {
    return this.fields.has(key);
  }

  raw(key: string): JsonValue | undefined {
    return this.take(key);
  }

  fail(key: string, code: NotebookProblemCode, params: TextParams = {}): never {
    throw new CellDecodeError(this.where(key), code, params);
  }

  /** Fields nobody asked for: kept for a newer version. */
  rest(): ExtraFields {
    return [...this.fields].filter(([key]) => !this.used.has(key)).map(([key, entry]) => [key, entry.value] as const);
  }
}

function optionalColumns(fields: FieldReader, key: string): string[] | undefined {
  const value = fields.raw(key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '')) return value as string[];
  return fields.fail(key, 'field-columns', { key, example: '["同比增速"]' });
}

function optionalBoolean(fields: FieldReader, key: string): boolean | undefined {
  const value = fields.raw(key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') return fields.fail(key, 'field-boolean', { key });
  return value;
}

function optionalText(fields: FieldReader, key: string): string | undefined {
  const value = fields.optionalString(key);
  return value === null ? undefined : value;
}

function isRecord(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The chart style fields added after version 1's kind/source/x/y/title/unit; all optional, so older files read unchanged. */
function decodeChartOptions(fields: FieldReader): ChartOptions {
  const options: ChartOptions = {};
  const y2 = optionalColumns(fields, 'y2');
  if (y2) options.y2 = y2;
  const stacked = optionalBoolean(fields, 'stacked');
  if (stacked !== undefined) options.stacked = stacked;
  const labels = optionalBoolean(fields, 'labels');
  if (labels !== undefined) options.dataLabels = labels;
  for (const key of ['subtitle', 'sourceNote', 'unit2', 'xTitle', 'yTitle', 'y2Title', 'low', 'high', 'totalLabel'] as const) {
    const text = optionalText(fields, key);
    if (text !== undefined) options[key] = text;
  }
  if (fields.has('scaling')) options.scaling = fields.oneOf('scaling', VALUE_SCALINGS);
  if (fields.has('preset')) options.preset = fields.oneOf('preset', CHART_PRESETS);
  const targets = fields.raw('targets');
  if (targets !== undefined && targets !== null) {
    const list = Array.isArray(targets) ? targets : [targets];
    options.targets = list.map((item) => {
      if (typeof item === 'number' && Number.isFinite(item)) return { value: item };
      if (isRecord(item) && typeof item.value === 'number' && (item.label === undefined || typeof item.label === 'string')) {
        return item.label === undefined ? { value: item.value } : { value: item.value, label: item.label };
      }
      return fields.fail('targets', 'field-targets');
    });
  }
  const bands = fields.raw('bands');
  if (bands !== undefined && bands !== null) {
    if (!Array.isArray(bands)) fields.fail('bands', 'field-bands');
    options.bands = bands.map((item) => {
      if (isRecord(item) && typeof item.from === 'number' && typeof item.to === 'number' && (item.label === undefined || typeof item.label === 'string')) {
        return item.label === undefined ? { from: item.from, to: item.to } : { from: item.from, to: item.to, label: item.label };
      }
      return fields.fail('bands', 'field-bands');
    });
  }
  return options;
}

function encodeChartOptions(chart: ChartOptions): [string, JsonValue][] {
  const out: [string, JsonValue][] = [];
  if (chart.y2 && chart.y2.length > 0) out.push(['y2', chart.y2]);
  if (chart.stacked !== undefined) out.push(['stacked', chart.stacked]);
  if (chart.dataLabels !== undefined) out.push(['labels', chart.dataLabels]);
  for (const key of ['subtitle', 'sourceNote', 'unit2', 'xTitle', 'yTitle', 'y2Title', 'low', 'high', 'totalLabel'] as const) {
    const value = chart[key];
    if (value !== undefined && value !== null) out.push([key, value]);
  }
  if (chart.scaling !== undefined) out.push(['scaling', chart.scaling]);
  if (chart.preset !== undefined) out.push(['preset', chart.preset]);
  if (chart.targets && chart.targets.length > 0) out.push(['targets', chart.targets.map((target) => ({ ...target }))]);
  if (chart.bands && chart.bands.length > 0) out.push(['bands', chart.bands.map((band) => ({ ...band }))]);
  return out;
}

const BODY_TYPES = new Set(['markdown', 'sql']);
const FIELD_TYPES = new Set(['parameter', 'chart', 'target']);

export function isKnownCellType(type: string): boolean {
  return BODY_TYPES.has(type) || FIELD_TYPES.has(type);
}

function isParameterValue(value: JsonValue | undefined): value is ParameterValue {
  return (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * Why text written `YYYY-MM-DD` is no day of the calendar (`2023-02-30`:
 * 2023-02 has 28 days), or null when it is one or is not written so.
 */
export function noSuchDay(text: string): Bilingual | null {
  if (!ISO_DATE.test(text) || isIsoDate(text)) return null;
  const [year, month] = text.split('-').map(Number) as [number, number];
  if (month < 1 || month > 12) return bilingual(`there is no month ${month}`, `没有 ${month} 月`);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return bilingual(`${text.slice(0, 7)} has ${days} days`, `${year} 年 ${month} 月只有 ${days} 天`);
}

function decodeKnown(block: SourceBlock, id: CellId): NotebookCell {
  const { type, name, extra } = block.info;
  const body = block.bodyLines.join('\n');
  switch (type) {
    case 'markdown':
      if (name !== null) throw new CellDecodeError(block.line, 'markdown-name', { name });
      return { kind: 'markdown', id, text: body, extra };
    case 'sql':
      return { kind: 'sql', id, name, sql: body, extra };
    case 'parameter': {
      if (extra.length > 0) throw new CellDecodeError(block.line, 'settings-inline', { type });
      if (name === null) throw new CellDecodeError(block.line, 'parameter-name');
      const fields: FieldReader = new FieldReader(readFields(block), block);
      const control: ParameterControl = fields.oneOf('control', PARAMETER_CONTROLS);
      const label = fields.optionalString('label');
      const value = fields.raw('value');
      if (!isParameterValue(value)) fields.fail('value', 'parameter-value');
      if ((control === 'slider' || control === 'number') && typeof value !== 'number') {
        fields.fail('value', 'parameter-number', { control });
      }
      if (control === 'date' && (typeof value !== 'string' || !isIsoDate(value))) {
        const reason = typeof value === 'string' ? noSuchDay(value) : null;
        if (reason) fields.fail('value', 'parameter-date-day', { value: value as string, reason });
        fields.fail('value', 'parameter-date');
      }
      const min = fields.optionalNumber('min');
      const max = fields.optionalNumber('max');
      const step = fields.optionalNumber('step');
      const rawOptions = fields.raw('options');
      let options: ParameterValue[] | null = null;
      if (rawOptions !== undefined && rawOptions !== null) {
        if (!Array.isArray(rawOptions) || !rawOptions.every(isParameterValue)) {
          fields.fail('options', 'parameter-options');
        }
        options = rawOptions as ParameterValue[];
      }
      if (control === 'select' && (options === null || options.length === 0)) {
        fields.fail('options', 'parameter-select');
      }
      return { kind: 'parameter', id, name, control, label, value, min, max, step, options, extra: fields.rest() };
    }
    case 'chart': {
      if (extra.length > 0) throw new CellDecodeError(block.line, 'settings-inline', { type });
      const fields: FieldReader = new FieldReader(readFields(block), block);
      const kind: ChartKind = fields.oneOf('kind', CHART_KINDS);
      const source = fields.requiredString('source');
      const x = fields.requiredString('x');
      const rawY = fields.raw('y');
      let y: string[];
      if (typeof rawY === 'string' && rawY !== '') y = [rawY];
      else if (Array.isArray(rawY) && rawY.length > 0 && rawY.every((item) => typeof item === 'string' && item !== '')) y = rawY as string[];
      else fields.fail('y', 'field-columns', { key: 'y', example: '["value"]' });
      const title = fields.optionalString('title');
      const unit = fields.optionalString('unit');
      const options = decodeChartOptions(fields);
      return { kind: 'chart', id, name, chart: { kind, source, x, y, title, unit, ...options }, extra: fields.rest() };
    }
    case 'target': {
      if (extra.length > 0) throw new CellDecodeError(block.line, 'settings-inline', { type });
      const fields: FieldReader = new FieldReader(readFields(block), block);
      const targetId = fields.requiredString('target');
      const method: TargetMethod = fields.oneOf('method', TARGET_METHODS, 'latest');
      return { kind: 'target', id, name, targetId, method, extra: fields.rest() };
    }
    default:
      throw new Error(`decodeKnown called for unknown type ${type}`);
  }
}

/** A block as a cell: known types decoded, the rest kept raw. Never throws for bad content. */
export function decodeCell(block: SourceBlock, id: CellId): NotebookCell {
  const body = block.bodyLines.join('\n');
  if (!isKnownCellType(block.info.type)) {
    return { kind: 'raw', id, info: block.infoText, body, reason: 'unknown-type', problem: null };
  }
  try {
    return decodeKnown(block, id);
  } catch (error) {
    if (!(error instanceof CellDecodeError)) throw error;
    return { kind: 'raw', id, info: block.infoText, body, reason: 'invalid', problem: cellProblem(error.line, error.code, error.params) };
  }
}

export interface EncodedCell {
  info: string;
  bodyLines: string[];
}

/** `type [name] [{json}]` as written after the opening fence. */
export function infoText(type: string, name: string | null, extra: ExtraFields): string {
  let text = name === null ? type : `${type} ${name}`;
  if (extra.length > 0) text += ` ${jsonText(Object.fromEntries(extra) as JsonValue)}`;
  return text;
}

function bodyLinesOf(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/** The canonical block content of a cell. */
export function encodeCell(cell: NotebookCell): EncodedCell {
  switch (cell.kind) {
    case 'markdown':
      return { info: infoText('markdown', null, cell.extra), bodyLines: bodyLinesOf(cell.text) };
    case 'sql':
      return { info: infoText('sql', cell.name, cell.extra), bodyLines: bodyLinesOf(cell.sql) };
    case 'parameter': {
      const lines = [fieldLine('control', cell.control)];
      if (cell.label !== null) lines.push(fieldLine('label', cell.label));
      lines.push(fieldLine('value', cell.value));
      if (cell.min !== null) lines.push(fieldLine('min', cell.min));
      if (cell.max !== null) lines.push(fieldLine('max', cell.max));
      if (cell.step !== null) lines.push(fieldLine('step', cell.step));
      if (cell.options !== null) lines.push(fieldLine('options', cell.options));
      for (const [key, value] of cell.extra) lines.push(fieldLine(key, value));
      return { info: infoText('parameter', cell.name, []), bodyLines: lines };
    }
    case 'chart': {
      const { chart } = cell;
      const lines = [fieldLine('kind', chart.kind), fieldLine('source', chart.source), fieldLine('x', chart.x), fieldLine('y', chart.y)];
      if (chart.title !== null) lines.push(fieldLine('title', chart.title));
      if (chart.unit !== null) lines.push(fieldLine('unit', chart.unit));
      for (const [key, value] of encodeChartOptions(chart)) lines.push(fieldLine(key, value));
      for (const [key, value] of cell.extra) lines.push(fieldLine(key, value));
      return { info: infoText('chart', cell.name, []), bodyLines: lines };
    }
    case 'target': {
      const lines = [fieldLine('target', cell.targetId), fieldLine('method', cell.method)];
      for (const [key, value] of cell.extra) lines.push(fieldLine(key, value));
      return { info: infoText('target', cell.name, []), bodyLines: lines };
    }
    case 'raw':
      return { info: cell.info, bodyLines: bodyLinesOf(cell.body) };
  }
}

/** Re-reads a raw cell after the user edited its text; a fixed cell becomes its proper kind again. */
export function redecodeRawCell(info: string, body: string, id: CellId): NotebookCell {
  try {
    const parsedInfo = parseInfo(info.trim(), 1);
    return decodeCell({ infoText: info.trim(), info: parsedInfo, bodyLines: bodyLinesOf(body), line: 1, raw: '', terminator: '' }, id);
  } catch (error) {
    if (!(error instanceof NotebookFormatError)) throw error;
    const { line, code, params } = error.problem;
    return { kind: 'raw', id, info, body, reason: 'invalid', problem: cellProblem(line ?? 1, code, params) };
  }
}

/** The shortest backtick fence (at least three) that no body line could close. */
export function fenceFor(bodyLines: readonly string[]): string {
  let length = 3;
  for (const line of bodyLines) {
    const match = /^ {0,3}(`{3,})[ \t]*$/.exec(line);
    if (match) length = Math.max(length, match[1]!.length + 1);
  }
  return '`'.repeat(length);
}
