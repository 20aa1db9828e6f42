import type { BoardTarget } from './boardTarget';

/**
 * The caveats a target row states beside its figures, in one language:
 * how the comparator was read, figures counted from another indicator, the
 * later-published of two disagreeing sources, a user's correction. Null when
 * there is nothing to say.
 */
export function factNotesText(
  target: Pick<BoardTarget, 'reading' | 'value' | 'unit' | 'factNotes' | 'countsCaveat'>,
  locale: 'zh' | 'en',
  length: 'full' | 'short' = 'full',
): string | null {
  const zh = locale === 'zh';
  const parts: string[] = [];
  if (target.reading === 'count-at-least') {
    parts.push(zh ? `原文为 ${target.value}${target.unit}，按“不少于”理解` : `written as ${target.value} ${target.unit}; read as at least that many`);
  } else if (target.reading === 'full-coverage') {
    parts.push(zh ? '全覆盖即 100%，仅容四舍五入误差（≥ 99.95% 计为全覆盖）' : 'full coverage is 100 %, within rounding only (99.95 % or more)');
  }
  if (target.countsCaveat) {
    const { countsCaveat } = target;
    parts.push(length === 'short' ? (zh ? countsCaveat.shortZh : countsCaveat.shortEn) : zh ? countsCaveat.zh : countsCaveat.en);
  }
  for (const note of target.factNotes) {
    switch (note.kind) {
      case 'sources-disagree': {
        const used = `${note.used.sourceTitle ?? '?'}${note.used.sourceDate ? ` (${note.used.sourceDate})` : ''}`;
        const other = `${note.other.sourceTitle ?? '?'}${note.other.sourceDate ? ` (${note.other.sourceDate})` : ''}`;
        parts.push(
          zh
            ? `${note.year}年两来源不一致：采用较晚发布的《${used}》${note.used.value}，未用《${other}》${note.other.value}`
            : `${note.year}: two sources disagree; using the later-published ${used} (${note.used.value}), not ${other} (${note.other.value})`,
        );
        break;
      }
      case 'user-correction':
        parts.push(zh ? `${note.year}年采用用户更正值（内置数据为 ${note.bundledValue}）` : `${note.year}: the user's correction is used (bundled: ${note.bundledValue})`);
        break;
      case 'counted-from':
        break;
    }
  }
  return parts.length > 0 ? parts.join(zh ? '；' : '; ') : null;
}
