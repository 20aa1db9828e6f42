import { useEffect, useRef } from 'react';
import { EditorState, Prec, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, keymap, placeholder, type DecorationSet } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { autocompletion, closeCompletion, type CompletionSource } from '@codemirror/autocomplete';
import { keywordCompletionSource, sql } from '@codemirror/lang-sql';
import { format as formatSql } from 'sql-formatter';
import type { CatalogFunction, CatalogRelation } from '@shared/domain/sqlCompletionModel';
import { statementAt } from '@shared/domain/sqlStatements';
import { workspaceCompletionSource } from '../editor/completionSource';
import { DuckDBDialect } from '../editor/duckdbDialect';

export interface RunRequest {
  sql: string;
  /** Offset of `sql` in the editor text. */
  offset: number;
}

export interface ErrorMark {
  offset: number;
}

interface SqlEditorProps {
  value: string;
  placeholderText: string;
  onChange(value: string): void;
  onRun(request: RunRequest): void;
  /** Ctrl+Alt+Enter: run the statement at the cursor in a new result tab. */
  onRunInNewTab?(request: RunRequest): void;
  /** Tables, columns and functions for autocomplete, read when completing. */
  catalog?: { relations: readonly CatalogRelation[]; functions: readonly CatalogFunction[] };
  /** Called when Shift+Alt+F cannot format the text. */
  onFormatError?(message: string): void;
  errorMark: ErrorMark | null;
  pendingInsert: string | null;
  onInsertConsumed(): void;
  ariaLabel: string;
}

const setErrorMark = StateEffect.define<number | null>();

/** Underlines the token where the engine located an error. */
const errorMarkField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    marks = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (effect.is(setErrorMark)) {
        if (effect.value === null || !Number.isFinite(effect.value)) return Decoration.none;
        const doc = transaction.state.doc;
        // An engine position outside this text (a wrapped statement) must never throw inside the editor.
        const from = Math.max(0, Math.min(Math.trunc(effect.value), doc.length));
        const line = doc.lineAt(from);
        const rest = doc.sliceString(from, line.to);
        const token = /^[^\s,;()]+/.exec(rest)?.[0].length ?? 1;
        const to = Math.min(line.to, from + Math.max(1, token));
        marks = from < to ? Decoration.set([errorMark.range(from, to)]) : Decoration.set([errorLine.range(line.from)]);
      }
    }
    if (transaction.docChanged) return Decoration.none;
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});
const errorMark = Decoration.mark({ class: 'cm-iwb-error' });
const errorLine = Decoration.line({ class: 'cm-iwb-error-line' });

/** What Ctrl+Enter runs: the selection if there is one, else the statement at the cursor. */
export function runRequestFor(state: EditorState): RunRequest | null {
  const selection = state.selection.main;
  const text = state.doc.toString();
  if (!selection.empty) {
    const selected = text.slice(selection.from, selection.to);
    const leading = selected.length - selected.trimStart().length;
    return selected.trim() ? { sql: selected.trim(), offset: selection.from + leading } : null;
  }
  const statement = statementAt(text, selection.head);
  return statement ? { sql: statement.text, offset: statement.start } : null;
}

/**
 * Shift+Alt+F: formats the selection, or everything, with DuckDB's dialect.
 * Returns an error message when the text cannot be parsed.
 */
export function formatEditorSql(view: EditorView): string | null {
  const selection = view.state.selection.main;
  const from = selection.empty ? 0 : selection.from;
  const to = selection.empty ? view.state.doc.length : selection.to;
  const text = view.state.sliceDoc(from, to);
  if (!text.trim()) return null;
  try {
    const formatted = formatSql(text, { language: 'duckdb', keywordCase: 'upper', tabWidth: 2 });
    view.dispatch({ changes: { from, to, insert: formatted } });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Completions only while the editor has the focus. CodeMirror asks for them
 * 100 ms after a keystroke; a click on 运行 within that time took the focus
 * away first, and the list then opened over an editor nobody was typing in
 * and stayed there (over the result and the Export dialog).
 */
function whileFocused(source: CompletionSource): CompletionSource {
  return (context) => (context.view && !context.view.hasFocus ? null : source(context));
}

/** CodeMirror 6, kept thin: created once, updated through effects, destroyed on unmount. */
export function SqlEditor(props: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const extensions: Extension[] = [
      basicSetup,
      sql({ dialect: DuckDBDialect, upperCaseKeywords: true }),
      autocompletion({
        override: [
          whileFocused(workspaceCompletionSource(() => latest.current.catalog ?? { relations: [], functions: [] })),
          whileFocused(keywordCompletionSource(DuckDBDialect, true)),
        ],
      }),
      placeholder(props.placeholderText),
      errorMarkField,
      // Above basicSetup's keymap, where Mod-Enter would insert a blank line.
      Prec.highest(keymap.of([
        {
          key: 'Mod-Enter',
          preventDefault: true,
          run: (editor) => {
            closeCompletion(editor);
            const request = runRequestFor(editor.state);
            if (request) latest.current.onRun(request);
            return true;
          },
        },
        {
          key: 'Mod-Alt-Enter',
          preventDefault: true,
          run: (editor) => {
            closeCompletion(editor);
            const request = runRequestFor(editor.state);
            if (request) (latest.current.onRunInNewTab ?? latest.current.onRun)(request);
            return true;
          },
        },
        {
          key: 'Shift-Alt-f',
          preventDefault: true,
          run: (editor) => {
            const problem = formatEditorSql(editor);
            if (problem) latest.current.onFormatError?.(problem);
            return true;
          },
        },
        {
          key: 'Mod-Shift-Enter',
          preventDefault: true,
          run: (editor) => {
            closeCompletion(editor);
            const text = editor.state.doc.toString();
            if (text.trim()) latest.current.onRun({ sql: text, offset: 0 });
            return true;
          },
        },
      ])),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) latest.current.onChange(update.state.doc.toString());
      }),
      EditorView.contentAttributes.of({ 'aria-label': props.ariaLabel }),
    ];
    const editor = new EditorView({
      state: EditorState.create({ doc: props.value, extensions }),
      parent: host.current!,
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later prop changes flow in through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== props.value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: props.value } });
    }
  }, [props.value]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorMark.of(props.errorMark ? props.errorMark.offset : null) });
  }, [props.errorMark]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || props.pendingInsert === null) return;
    editor.dispatch(editor.state.replaceSelection(props.pendingInsert));
    editor.focus();
    props.onInsertConsumed();
  }, [props.pendingInsert, props]);

  return <div className="sql-editor" ref={host} data-testid="sql-editor" />;
}

function editorIn(host: HTMLElement | null): EditorView | null {
  const element = host?.querySelector('.cm-editor');
  return element ? EditorView.findFromDOM(element as HTMLElement) : null;
}

/** For the Run button: the same choice Ctrl+Enter makes. */
export function currentRunRequest(host: HTMLElement | null): RunRequest | null {
  const editor = editorIn(host);
  return editor ? runRequestFor(editor.state) : null;
}

/** For the Format button. */
export function formatEditorIn(host: HTMLElement | null): string | null {
  const editor = editorIn(host);
  return editor ? formatEditorSql(editor) : null;
}
