import { identifierForEditor } from './sqlIdentifier';
import { statementAt } from './sqlStatements';

/**
 * What the SQL editor offers at the cursor: columns of the tables the
 * statement reads (and of `alias.` when typed after a dot), table and view
 * names, and DuckDB's functions. Names are inserted as DuckDB needs them:
 * plain for lower-case ASCII and Chinese words, quoted otherwise.
 */

export interface CatalogRelation {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: { name: string; type: string }[];
}

export interface CatalogFunction {
  name: string;
  kind: string;
  signatures: string[];
  description: string | null;
}

export interface CompletionCandidate {
  label: string;
  apply: string;
  type: 'column' | 'table' | 'view' | 'function';
  detail: string;
  info?: string;
  /** Higher sorts first among equal matches. */
  boost: number;
}

export interface CompletionResult {
  /** Offset where the replaced text starts. */
  from: number;
  options: CompletionCandidate[];
}

/** Columns offered before the statement names its tables; enough for any workspace a planner keeps. */
const MAX_UNSCOPED_COLUMNS = 5000;
const WORD = /(?:"[^"]*"?|[\p{L}\p{N}_$]+)$/u;
const NAME = String.raw`(?:"(?:[^"]|"")+"|[\p{L}_][\p{L}\p{N}_$]*)`;
const STOP_WORDS = new Set(
  'where join on group order limit left right inner outer full cross union natural using having window qualify select as set values returning'.split(' '),
);
const REFERENCE = new RegExp(String.raw`\b(?:from|join)\s+(${NAME}(?:\s*\.\s*${NAME})?)(?:\s+(?:as\s+)?(${NAME}))?`, 'giu');

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Relations the statement reads, with their aliases (`from 指标 a join t2 as b`). */
export function referencedRelations(statement: string, relations: readonly CatalogRelation[]): { relation: CatalogRelation; alias: string | null }[] {
  const found: { relation: CatalogRelation; alias: string | null }[] = [];
  for (const match of statement.matchAll(REFERENCE)) {
    const parts = match[1]!.split(/\s*\.\s*/).map(unquote);
    const name = parts[parts.length - 1]!;
    const schema = parts.length > 1 ? parts[0]! : null;
    const relation = relations.find((candidate) => sameName(candidate.name, name) && (schema === null || sameName(candidate.schema, schema)));
    if (!relation) continue;
    const aliasText = match[2] ? unquote(match[2]) : null;
    const alias = aliasText && !STOP_WORDS.has(aliasText.toLowerCase()) ? aliasText : null;
    found.push({ relation, alias });
  }
  return found;
}

function columnCandidates(relation: CatalogRelation, boost: number): CompletionCandidate[] {
  return relation.columns.map((column) => ({
    label: column.name,
    apply: identifierForEditor(column.name),
    type: 'column' as const,
    detail: `${column.type} · ${relation.name}`,
    boost,
  }));
}

export function completionCandidates(
  text: string,
  cursor: number,
  catalog: { relations: readonly CatalogRelation[]; functions: readonly CatalogFunction[] },
  explicit = false,
): CompletionResult | null {
  const before = text.slice(0, cursor);
  const statement = statementAt(text, cursor)?.text ?? before;
  const references = referencedRelations(statement, catalog.relations);

  const dotted = new RegExp(String.raw`(${NAME})\.((?:"[^"]*"?|[\p{L}\p{N}_$]*))$`, 'u').exec(before);
  if (dotted) {
    const qualifier = unquote(dotted[1]!);
    const from = cursor - dotted[2]!.length;
    const byAlias = references.find((reference) => reference.alias !== null && sameName(reference.alias, qualifier));
    const byName = catalog.relations.find((relation) => sameName(relation.name, qualifier));
    const target = byAlias?.relation ?? byName;
    if (target) return { from, options: columnCandidates(target, 10) };
    // `schema.` lists the schema's relations.
    const inSchema = catalog.relations.filter((relation) => sameName(relation.schema, qualifier));
    if (inSchema.length > 0) return { from, options: inSchema.map((relation) => relationCandidate(relation, false)) };
    return null;
  }

  const word = WORD.exec(before);
  const typed = word?.[0] ?? '';
  if (!explicit && typed.length === 0) return null;
  const from = cursor - typed.length;
  const previous = before.slice(0, from).trimEnd();
  const afterFrom = /\b(from|join|into|update|table|describe|summarize)$/i.test(previous);

  const options: CompletionCandidate[] = [];
  for (const relation of catalog.relations) options.push(relationCandidate(relation, afterFrom));
  if (!afterFrom) {
    const seen = new Set<string>();
    for (const { relation } of references) {
      if (seen.has(relation.name)) continue;
      seen.add(relation.name);
      options.push(...columnCandidates(relation, 8));
    }
    if (references.length === 0) {
      // No FROM yet (typing the select list first): every relation's columns, once per name.
      const names = new Set<string>();
      for (const relation of catalog.relations) {
        for (const candidate of columnCandidates(relation, 2)) {
          if (names.has(candidate.label) || names.size >= MAX_UNSCOPED_COLUMNS) continue;
          names.add(candidate.label);
          options.push(candidate);
        }
      }
    }
    for (const fn of catalog.functions) {
      options.push({
        label: fn.name,
        apply: fn.kind === 'table' ? fn.name : `${fn.name}(`,
        type: 'function',
        detail: fn.signatures[0] ?? fn.kind,
        ...(fn.description ? { info: `${fn.signatures.slice(0, 3).join('\n')}\n\n${fn.description}` } : {}),
        boost: -2,
      });
    }
  } else {
    for (const fn of catalog.functions.filter((candidate) => candidate.kind === 'table')) {
      options.push({ label: fn.name, apply: `${fn.name}(`, type: 'function', detail: fn.signatures[0] ?? 'table', boost: -1 });
    }
  }
  return { from, options };
}

function relationCandidate(relation: CatalogRelation, afterFrom: boolean): CompletionCandidate {
  const qualified = relation.schema === 'main' ? identifierForEditor(relation.name) : `${identifierForEditor(relation.schema)}.${identifierForEditor(relation.name)}`;
  return {
    label: relation.schema === 'main' ? relation.name : `${relation.schema}.${relation.name}`,
    apply: qualified,
    type: relation.kind,
    detail: `${relation.kind === 'view' ? 'view' : 'table'} · ${relation.columns.length} cols`,
    boost: afterFrom ? 10 : 0,
  };
}
