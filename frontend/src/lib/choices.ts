/** One choice of a Select or SegmentedControl. */
export interface Choice<T extends string> {
  value: T;
  label: string;
}

/**
 * A select's choices from the label of each value, in the order written: as a record over a
 * union, the compiler asks for every value and allows none twice. (JavaScript lists keys that
 * look like whole numbers first and in ascending order, so keep such keys ascending.)
 */
export function choices<T extends string>(labels: Record<T, string>): Choice<T>[] {
  return (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
}
