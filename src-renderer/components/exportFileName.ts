/**
 * The name the Export dialog proposes for a result: the UI language's word for
 * a query result and the planner's local date and time, to the second
 * (`查询结果_20261204_201503`, `query_result_20261204_201503`). Local time, not
 * UTC: a planner in UTC+8 exporting at 09:00 should not see yesterday's date.
 */
export function exportFileBase(word: string, at: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const day = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}`;
  const time = `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
  return `${word}_${day}_${time}`;
}
