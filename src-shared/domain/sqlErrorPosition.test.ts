import { describe, expect, it } from 'vitest';
import { sqlErrorHeadline, sqlErrorPosition, withScriptLine } from './sqlErrorPosition';

// Messages below are verbatim DuckDB 1.5 output for the statements shown.
describe('sqlErrorPosition', () => {
  it('reads the caret under a parser error', () => {
    const message = 'Parser Error: syntax error at or near "selec"\n\nLINE 1: selec 1\n        ^';
    expect(sqlErrorPosition(message, 'selec 1')).toEqual({ offset: 0, line: 1, column: 1 });
  });

  it('maps a binder error in a later statement back into the full text', () => {
    const full = 'select 1;\nselect\n  nosuch from range(3)';
    const statement = 'select\n  nosuch from range(3)';
    const message =
      'Binder Error: Referenced column "nosuch" not found in FROM clause!\nCandidate bindings: "range"\n\nLINE 2:   nosuch from range(3)\n          ^';
    const position = sqlErrorPosition(message, statement, 10, full);
    expect(position).toEqual({ offset: 19, line: 3, column: 3 });
    expect(full.slice(position!.offset, position!.offset + 6)).toBe('nosuch');
  });

  it('locates the caret when DuckDB elides the start of a long line', () => {
    const statement = `select '${'a'.repeat(100)}' as a, nosuch from range(3)`;
    const message =
      'Binder Error: Referenced column "nosuch" not found in FROM clause!\nCandidate bindings: "range"\n\n' +
      `LINE 1: ...${'a'.repeat(51)}' as a, nosuch from range(3)\n` +
      `${' '.repeat(8 + 3 + 51 + 8)}^`;
    const position = sqlErrorPosition(message, statement);
    expect(statement.slice(position!.offset, position!.offset + 6)).toBe('nosuch');
  });

  it('returns undefined when DuckDB gives no position', () => {
    expect(sqlErrorPosition('Catalog Error: Scalar Function with name foo does not exist!', 'select foo(1)')).toBeUndefined();
  });

  it('handles a wrapper prefix by a negative statement start', () => {
    const prefix = 'CREATE TABLE r AS\n';
    const user = "select cast('x' as int)";
    const message = "Conversion Error: Could not convert string 'x' to INT32\n\nLINE 2: select cast('x' as int)\n               ^";
    expect(sqlErrorPosition(message, prefix + user, 0 - prefix.length, user)).toEqual({ offset: 7, line: 1, column: 8 });
  });
});

describe('sqlErrorHeadline', () => {
  it('keeps the first line', () => {
    expect(sqlErrorHeadline('Parser Error: x\n\nLINE 1: y')).toBe('Parser Error: x');
  });
});

describe('withScriptLine', () => {
  it('renumbers the quoted line and keeps the caret under the spot when the number grows a digit', () => {
    const message = 'Binder Error: x\n\nLINE 9: select nosuch\n               ^';
    expect(withScriptLine(message, 12)).toBe('Binder Error: x\n\nLINE 12: select nosuch\n                ^');
    expect(withScriptLine('Parser Error: no quote', 3)).toBe('Parser Error: no quote');
  });
});
