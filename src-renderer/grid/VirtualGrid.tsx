import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Field } from 'apache-arrow';
import type { ColumnFilter, SortKey } from '@shared/contract/workbenchContract';
import { cellDisplayText, cellPlainText, columnKind, duckdbTypeOf, isNumericKind } from '@shared/domain/arrowCells';
import { displayWidth } from '@shared/domain/textWidth';
import { tsvFromRows } from '@shared/domain/tsvText';
import { formatCount } from '../i18n/translate';
import { useT } from '../store/StoreContext';
import { FilterPopover } from './FilterPopover';
import { gridGeometry, scrollTopForRow } from './gridGeometry';
import type { ResultWindowCache } from './ResultWindowCache';

export const ROW_HEIGHT = 26;
const HEADER_HEIGHT = 44;
/** Largest selection copied to the clipboard; more is an export, not a paste. */
export const MAX_COPY_ROWS = 100_000;

interface CellPosition {
  row: number;
  column: number;
}

interface Selection {
  anchor: CellPosition;
  focus: CellPosition;
}

export interface VirtualGridProps {
  cache: ResultWindowCache;
  fields: Field[];
  sort: SortKey[];
  filters: ColumnFilter[];
  onSortChange(sort: SortKey[]): void;
  onFiltersChange(filters: ColumnFilter[]): void;
  onSummarize(column: string): void;
  onNotice(message: string): void;
}

/** Typical widths (in characters) by kind: the first page alone would undersize numbers that grow further down. */
const KIND_MIN_CHARS: Record<string, number> = { integer: 11, float: 12, decimal: 12, date: 10, timestamp: 19, time: 8, boolean: 5, text: 6 };

function initialWidth(field: Field, sample: (row: number) => unknown, sampleRows: number): number {
  const kind = columnKind(field);
  // The header also holds the sort arrow and the filter button.
  let widest = Math.max(displayWidth(field.name) + 4, displayWidth(duckdbTypeOf(field)) * 0.85, KIND_MIN_CHARS[kind] ?? 6);
  for (let row = 0; row < sampleRows; row++) {
    const value = sample(row);
    if (value !== undefined && value !== null) widest = Math.max(widest, displayWidth(cellDisplayText(value, field)));
  }
  return Math.round(Math.min(380, Math.max(72, widest * 7.6 + 24)));
}

function FilterIcon() {
  return (
    <svg width="11" height="11" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M1 2h14l-5.5 6.5V14l-3-1.5V8.5z" fill="currentColor" />
    </svg>
  );
}

function normalize(selection: Selection) {
  return {
    top: Math.min(selection.anchor.row, selection.focus.row),
    bottom: Math.max(selection.anchor.row, selection.focus.row),
    left: Math.min(selection.anchor.column, selection.focus.column),
    right: Math.max(selection.anchor.column, selection.focus.column),
  };
}

/**
 * The result grid: rows are drawn only for the viewport and fetched from the
 * engine by page; sorting and filtering are pushed down; a rectangular
 * selection copies as tab-separated text.
 */
export function VirtualGrid(props: VirtualGridProps) {
  const { cache, fields } = props;
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState({ width: 800, height: 400 });
  const [, setLoadedVersion] = useState(0);
  const [selection, setSelection] = useState<Selection | null>(null);
  const dragging = useRef(false);
  const [widths, setWidths] = useState<number[]>(() =>
    fields.map((field, column) => initialWidth(field, (row) => cache.cell(row, column), Math.min(200, cache.totalRows))),
  );
  const [filterColumn, setFilterColumn] = useState<number | null>(null);
  // Where the open filter's header cell is on screen: the popover is drawn over the page, not clipped by the cell.
  const [filterAnchor, setFilterAnchor] = useState<DOMRect | null>(null);

  const totalRows = cache.totalRows;
  const kinds = useMemo(() => fields.map((field) => columnKind(field)), [fields]);
  const rowNumberWidth = Math.max(48, formatCount(totalRows).length * 7.5 + 20);
  const totalWidth = rowNumberWidth + widths.reduce((sum, width) => sum + width, 0);
  const bodyHeight = Math.max(ROW_HEIGHT, viewport.height - HEADER_HEIGHT);
  const geometry = gridGeometry(totalRows, ROW_HEIGHT, bodyHeight, scrollTop);
  const lastRow = Math.min(totalRows - 1, geometry.firstRow + geometry.visibleRows - 1);

  useEffect(() => cache.onDidLoad(() => setLoadedVersion((version) => version + 1)), [cache]);

  // Marks the first frame that shows real rows for this cache (read by `npm run bench`).
  const firstRowLoaded = totalRows > 0 && cache.hasRow(geometry.firstRow);
  useEffect(() => {
    if (!firstRowLoaded) return;
    const frame = requestAnimationFrame(() => performance.mark('iwb:grid-painted'));
    return () => cancelAnimationFrame(frame);
  }, [cache, firstRowLoaded]);

  // A new sort or filter is a new cache: start again from the top, keeping column widths.
  const previousCache = useRef(cache);
  useEffect(() => {
    if (previousCache.current === cache) return;
    previousCache.current = cache;
    if (scroller.current) scroller.current.scrollTop = 0;
    setSelection(null);
  }, [cache]);

  useEffect(() => {
    if (totalRows === 0) return;
    // Fetch the visible rows first, then a screen either side for smooth scrolling.
    void cache.ensureRows(geometry.firstRow, lastRow).then(() =>
      cache.ensureRows(Math.max(0, geometry.firstRow - geometry.visibleRows), lastRow + geometry.visibleRows),
    );
  }, [cache, geometry.firstRow, lastRow, geometry.visibleRows, totalRows]);

  useEffect(() => {
    const element = scroller.current!;
    const observer = new ResizeObserver(() => setViewport({ width: element.clientWidth, height: element.clientHeight }));
    observer.observe(element);
    setViewport({ width: element.clientWidth, height: element.clientHeight });
    return () => observer.disconnect();
  }, []);

  const scrollToRow = useCallback(
    (row: number) => {
      const element = scroller.current;
      if (!element) return;
      const visible = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT) - 1);
      if (row < geometry.firstRow) element.scrollTop = scrollTopForRow(row, totalRows, ROW_HEIGHT, bodyHeight);
      else if (row >= geometry.firstRow + visible) element.scrollTop = scrollTopForRow(Math.max(0, row - visible + 1), totalRows, ROW_HEIGHT, bodyHeight);
    },
    [bodyHeight, geometry.firstRow, totalRows],
  );

  /** Values of the selection as TSV; fetches pages not in memory. */
  const selectionText = useCallback(
    async (withHeader: boolean): Promise<string | null> => {
      if (!selection) return null;
      const { top, bottom, left, right } = normalize(selection);
      if (bottom - top + 1 > MAX_COPY_ROWS) {
        props.onNotice(t('grid.copyTooMany', { max: formatCount(MAX_COPY_ROWS), rows: formatCount(bottom - top + 1) }));
        return null;
      }
      const rows: string[][] = [];
      if (withHeader) rows.push(fields.slice(left, right + 1).map((field) => field.name));
      for (let start = top; start <= bottom; start += cache.pageRows * (cache.maxPages - 1)) {
        const end = Math.min(bottom, start + cache.pageRows * (cache.maxPages - 1) - 1);
        await cache.ensureRows(start, end);
        for (let row = start; row <= end; row++) {
          const values: string[] = [];
          for (let column = left; column <= right; column++) values.push(cellPlainText(cache.cell(row, column), fields[column]!));
          rows.push(values);
        }
      }
      return tsvFromRows(rows);
    },
    [selection, fields, cache, props, t],
  );

  const copySelection = useCallback(
    async (withHeader: boolean) => {
      const text = await selectionText(withHeader);
      if (text === null) return;
      try {
        await navigator.clipboard.writeText(text);
        const { top, bottom } = normalize(selection!);
        props.onNotice(t('grid.copied', { rows: formatCount(bottom - top + 1) }));
      } catch {
        props.onNotice(t('grid.copyFailed'));
      }
    },
    [selectionText, selection, props, t],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      void copySelection(event.shiftKey);
      return;
    }
    if (mod && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      setSelection({ anchor: { row: 0, column: 0 }, focus: { row: totalRows - 1, column: fields.length - 1 } });
      return;
    }
    if (!selection || totalRows === 0) return;
    const page = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, [number, number]> = {
      ArrowDown: [1, 0],
      ArrowUp: [-1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      PageDown: [page, 0],
      PageUp: [-page, 0],
    };
    let target: CellPosition | null = null;
    const focus = selection.focus;
    if (event.key in moves) {
      const [dRow, dColumn] = moves[event.key]!;
      target = { row: Math.min(totalRows - 1, Math.max(0, focus.row + dRow)), column: Math.min(fields.length - 1, Math.max(0, focus.column + dColumn)) };
    } else if (event.key === 'Home') {
      target = mod ? { row: 0, column: 0 } : { row: focus.row, column: 0 };
    } else if (event.key === 'End') {
      target = mod ? { row: totalRows - 1, column: fields.length - 1 } : { row: focus.row, column: fields.length - 1 };
    }
    if (!target) return;
    event.preventDefault();
    setSelection(event.shiftKey ? { anchor: selection.anchor, focus: target } : { anchor: target, focus: target });
    scrollToRow(target.row);
  };

  const onCellMouseDown = (event: MouseEvent, position: CellPosition) => {
    if (event.button !== 0) return;
    dragging.current = true;
    setSelection((current) => (event.shiftKey && current ? { anchor: current.anchor, focus: position } : { anchor: position, focus: position }));
  };
  useEffect(() => {
    const stop = () => (dragging.current = false);
    window.addEventListener('mouseup', stop);
    return () => window.removeEventListener('mouseup', stop);
  }, []);

  const toggleSort = (column: string, additive: boolean) => {
    const existing = props.sort.find((key) => key.column === column);
    const next: SortKey | null = !existing ? { column, direction: 'asc' } : existing.direction === 'asc' ? { column, direction: 'desc' } : null;
    const others = additive ? props.sort.filter((key) => key.column !== column) : [];
    props.onSortChange(next ? [...others, next] : others);
  };

  const startResize = (event: MouseEvent, column: number) => {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = widths[column]!;
    const move = (moveEvent: globalThis.MouseEvent) =>
      setWidths((current) => current.map((width, index) => (index === column ? Math.max(48, startWidth + moveEvent.clientX - startX) : width)));
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };

  const range = selection ? normalize(selection) : null;
  const rows: number[] = [];
  for (let row = geometry.firstRow; row <= lastRow; row++) rows.push(row);

  return (
    <div className="vgrid" tabIndex={0} onKeyDown={onKeyDown} data-testid="result-grid" aria-rowcount={totalRows + 1} role="grid">
      <div className="vgrid-scroller" ref={scroller} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <div className="vgrid-canvas" style={{ width: totalWidth, height: HEADER_HEIGHT + geometry.scrollHeight }}>
          <div className="vgrid-header" style={{ width: totalWidth, height: HEADER_HEIGHT }} role="row">
            <div className="vgrid-cell rownum header-corner" style={{ width: rowNumberWidth }}>
              #
            </div>
            {fields.map((field, column) => {
              const sortIndex = props.sort.findIndex((key) => key.column === field.name);
              const sortKey = props.sort[sortIndex];
              const filtered = props.filters.some((filter) => filter.column === field.name);
              return (
                <div
                  key={column}
                  className={`vgrid-cell vgrid-hcell${isNumericKind(kinds[column]!) ? ' numeric' : ''}`}
                  style={{ width: widths[column] }}
                  role="columnheader"
                  title={t('grid.headerHint')}
                  onClick={(event) => toggleSort(field.name, event.shiftKey)}
                  data-testid={`column-header-${column}`}
                >
                  <div className="hcell-top">
                    <span className="column-name">{field.name}</span>
                    {sortKey ? (
                      <span className="sort-indicator" aria-label={sortKey.direction}>
                        {sortKey.direction === 'asc' ? '▲' : '▼'}
                        {props.sort.length > 1 ? sortIndex + 1 : ''}
                      </span>
                    ) : null}
                    <button
                      type="button"
                      className={`filter-button${filtered ? ' active' : ''}`}
                      title={t('grid.filter')}
                      aria-label={t('grid.filter')}
                      onClick={(event) => {
                        event.stopPropagation();
                        setFilterAnchor(event.currentTarget.closest('.vgrid-hcell')?.getBoundingClientRect() ?? null);
                        setFilterColumn(filterColumn === column ? null : column);
                      }}
                      data-testid={`filter-button-${column}`}
                    >
                      <FilterIcon />
                    </button>
                  </div>
                  <div className="column-type">{duckdbTypeOf(field)}</div>
                  <div className="resize-handle" onMouseDown={(event) => startResize(event, column)} onClick={(event) => event.stopPropagation()} />
                  {filterColumn === column ? (
                    <FilterPopover
                      anchor={filterAnchor}
                      field={field}
                      kind={kinds[column]!}
                      current={props.filters.find((filter) => filter.column === field.name) ?? null}
                      onApply={(filter) => {
                        const others = props.filters.filter((existing) => existing.column !== field.name);
                        props.onFiltersChange(filter ? [...others, filter] : others);
                        setFilterColumn(null);
                      }}
                      onSummarize={() => {
                        props.onSummarize(field.name);
                        setFilterColumn(null);
                      }}
                      onClose={() => setFilterColumn(null)}
                    />
                  ) : null}
                </div>
              );
            })}
          </div>
          <div className="vgrid-body" style={{ transform: `translateY(${geometry.bodyTop}px)`, top: HEADER_HEIGHT }}>
            {rows.map((row) => (
              <div key={row} className="vgrid-row" style={{ height: ROW_HEIGHT, width: totalWidth }} role="row" aria-rowindex={row + 2}>
                <div className="vgrid-cell rownum" style={{ width: rowNumberWidth }}>
                  {formatCount(row + 1)}
                </div>
                {fields.map((field, column) => {
                  const value = cache.cell(row, column);
                  const selected = range !== null && row >= range.top && row <= range.bottom && column >= range.left && column <= range.right;
                  const classes = ['vgrid-cell'];
                  if (isNumericKind(kinds[column]!)) classes.push('numeric');
                  if (selected) classes.push('selected');
                  let text: string;
                  if (value === undefined) {
                    classes.push('loading');
                    text = '…';
                  } else if (value === null) {
                    classes.push('null-cell');
                    text = t('result.null');
                  } else {
                    text = cellDisplayText(value, field);
                  }
                  return (
                    <div
                      key={column}
                      className={classes.join(' ')}
                      style={{ width: widths[column] }}
                      role="gridcell"
                      title={text.length > 24 ? text : undefined}
                      onMouseDown={(event) => onCellMouseDown(event, { row, column })}
                      onMouseEnter={() => {
                        if (dragging.current) setSelection((current) => (current ? { anchor: current.anchor, focus: { row, column } } : current));
                      }}
                    >
                      {text}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        </div>
      </div>
      {totalRows === 0 ? <div className="vgrid-empty">{t('grid.noRows')}</div> : null}
    </div>
  );
}
