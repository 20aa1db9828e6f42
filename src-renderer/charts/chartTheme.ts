/**
 * The CJK font shipped with the app (bundled @fontsource files, never
 * fetched): charts name it first so Chinese renders the same on every machine.
 */
export const CHART_FONT_FAMILY = '"Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
