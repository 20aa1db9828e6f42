/**
 * Items in order, packed into consecutive batches of at most `budget` in
 * `sizeOf` (each batch at least one item: an item larger than the budget goes
 * alone, for the call to refuse with its own message).
 */
export function batchesBySize<T>(items: readonly T[], sizeOf: (item: T) => number, budget: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && used + size > budget) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
