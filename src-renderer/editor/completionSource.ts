import type { Completion, CompletionSource } from '@codemirror/autocomplete';
import { completionCandidates, type CatalogFunction, type CatalogRelation } from '@shared/domain/sqlCompletionModel';

const TYPE_CLASS: Record<string, string> = { column: 'property', table: 'class', view: 'interface', function: 'function' };

/** CodeMirror adapter over the pure completion model; the catalog is read at completion time. */
export function workspaceCompletionSource(catalog: () => { relations: readonly CatalogRelation[]; functions: readonly CatalogFunction[] }): CompletionSource {
  return (context) => {
    const result = completionCandidates(context.state.doc.toString(), context.pos, catalog(), context.explicit);
    if (!result) return null;
    const options: Completion[] = result.options.map((option) => ({
      label: option.label,
      apply: option.apply,
      type: TYPE_CLASS[option.type] ?? 'text',
      detail: option.detail,
      boost: option.boost,
      ...(option.info ? { info: option.info } : {}),
    }));
    return { from: result.from, options, validFor: /^[\p{L}\p{N}_$"]*$/u };
  };
}
