import { useT } from '../../store/StoreContext';

/** The name of a cell, edited in place in its header. */
export function NameInput({ value, onChange, required = false }: { value: string | null; onChange(name: string | null): void; required?: boolean }) {
  const t = useT();
  return (
    <input
      type="text"
      className="nb-name-input"
      value={value ?? ''}
      placeholder={required ? t('nb.cell.name') : t('nb.cell.namePlaceholder')}
      aria-label={t('nb.cell.name')}
      spellCheck={false}
      onChange={(event) => onChange(event.target.value.trim() === '' && !required ? null : event.target.value.trim())}
      data-testid="nb-cell-name"
    />
  );
}
