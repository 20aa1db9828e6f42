/**
 * The shape every benchmark module returns: named figures, each measured in
 * this run, with its goal and which direction is better.
 */
export interface BenchFigure {
  value: number;
  goal: number;
  better: 'lower' | 'higher';
  unit: string;
  /** How it was measured, printed under the table. */
  note?: string;
}

export type BenchFigures = Record<string, BenchFigure>;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function meetsGoal(figure: BenchFigure): boolean {
  return figure.better === 'lower' ? figure.value <= figure.goal : figure.value >= figure.goal;
}

export async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await task();
  return { ms: performance.now() - started, value };
}
