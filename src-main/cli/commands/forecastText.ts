import type { Projection } from '@shared/domain/projection/projectSeries';
import type { RequiredPace } from '@shared/domain/projection/requiredPace';
import type { Target } from '@shared/domain/projection/targetStatus';
import type { BoardTarget } from '@shared/domain/targets/boardTarget';
import { factNotesText } from '@shared/domain/targets/targetFactText';
import { formatProbability } from '@shared/domain/targets/formatFigure';
import { displayWidth, padDisplay } from '@shared/domain/textWidth';
import type { CliContext } from '../cliCommand';
import type { ForecastOutput, LoadedSeries } from './forecastCommand';

/** The text table `iwb forecast` prints: the projection by year, the target's gap and the pace it needs. */
export function printTable(
  output: ForecastOutput,
  loaded: LoadedSeries,
  projection: Projection,
  target: Target | undefined,
  assessed: BoardTarget | null,
  context: CliContext,
): void {
  const unit = loaded.unit ? ` ${loaded.unit}` : '';
  const lines: string[] = [];
  lines.push(`${loaded.label}${loaded.unit ? `, ${loaded.unit}` : ''}`);
  const shown = Object.entries(projection.parameters)
    .filter(([name]) => name !== 'method')
    .map(([name, value]) => `${name}=${typeof value === 'number' && !Number.isInteger(value) ? formatNumber(value, 4) : String(value)}`);
  lines.push(`Method / 方法: ${String(projection.parameters.method)}${shown.length > 0 ? `  (${shown.join(', ')})` : ''}`);
  lines.push('');
  const simulated = output.parameters.simulationPaths !== undefined;
  const quantile = (value: number | undefined) => (value === undefined ? '—' : formatFixed(value));
  const headers = ['year', `value${loaded.unit ? ` (${loaded.unit})` : ''}`, ...(simulated ? ['P10', 'P50', 'P90'] : []), ''];
  const rows: string[][] = [
    [String(projection.lastActual.year), formatFixed(projection.lastActual.value), ...(simulated ? ['', '', ''] : []), 'actual / 实际'],
    ...output.path.map((point) => [
      String(point.year),
      formatFixed(point.value),
      ...(simulated ? [quantile(point.p10), quantile(point.p50), quantile(point.p90)] : []),
      target && point.year === target.year ? 'target year / 目标年' : 'projected / 预测',
    ]),
  ];
  const widths = headers.map((header, index) => Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[index]!))));
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => padDisplay(cell, widths[index]!, index === 0 || index === cells.length - 1 ? 'left' : 'right'))
      .join('  ')
      .trimEnd();
  lines.push(line(headers), widths.map((width) => '─'.repeat(width)).join('  ').trimEnd(), ...rows.map(line));
  if (typeof output.parameters.simulation === 'string') lines.push('', `Simulation / 模拟: — (${output.parameters.simulation})`);
  if (target && assessed) {
    lines.push('');
    const parts = [`Target / 目标 ${target.year}: ${target.comparator} ${formatNumber(target.value)}${unit}`, gapWords(assessed, unit)];
    const pace = paceWords(assessed.pace, unit);
    if (pace) parts.push(pace);
    if (output.probability !== undefined) parts.push(`probability / 达成概率 ${formatProbability(output.probability)}`);
    else if (simulated) parts.push('probability / 达成概率 —');
    lines.push(parts.join('; '));
    const caveat = factNotesText(assessed, 'zh');
    if (caveat) lines.push(`Note / 说明: ${caveat}`);
  }
  context.stdout(lines.join('\n') + '\n');
}

/** The gap as the board words it: never "exceeded" beside a shortfall. */
function gapWords(assessed: BoardTarget, unit: string): string {
  const { gap } = assessed;
  if (!gap) return 'gap / 差距 —';
  const counted = assessed.paceKind === 'flow' ? ` counted in ${assessed.year} / ${assessed.year}年已计入 ${formatNumber(assessed.value - gap.absolute)}${unit}` : '';
  if (assessed.latestMeets) return gap.absolute < 0 ? `met, above by / 已超出 ${formatNumber(-gap.absolute)}${unit}${counted}` : `met / 已达到${counted}`;
  const percent = gap.relative === null ? '' : ` (${formatPercent(gap.relative)} of target)`;
  return assessed.paceKind === 'ratio'
    ? `gap / 差距 ${formatNumber(gap.absolute)} points / 个百分点`
    : `gap / 差距 ${formatNumber(gap.absolute)}${unit}${percent}${counted}`;
}

function paceWords(pace: RequiredPace | { kind: 'no-actual' }, unit: string): string | null {
  switch (pace.kind) {
    case 'no-actual':
    case 'met':
      return null;
    case 'missed':
      return `missed by / 未达到，差 ${formatNumber(pace.shortfall)}${unit}`;
    case 'growth':
      return `required growth / 需年均增长 ${formatPercent(pace.rate)}`;
    case 'remaining':
      return pace.monthsLeft === 12 ? `to add this year / 需全年新增 ${formatNumber(pace.amount)}${unit}` : `still to add / 尚需新增 ${formatNumber(pace.amount)}${unit} (${pace.monthsLeft} months left)`;
    case 'points':
      return `still needed / 还差 ${formatNumber(pace.points)} points / 个百分点`;
  }
}

function formatNumber(value: number, digits = 2): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** Table cells: two decimals, so the column lines up on the decimal point. */
function formatFixed(value: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function formatPercent(value: number): string {
  return `${(value * 100).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}
