// The least and greatest of many numbers: loops, since Math.min(...values) overflows the stack for ~100 000 values.

/** The least value; Infinity for none (as Math.min()). */
export function minOf(values: readonly number[]): number {
  let least = Infinity;
  for (const v of values) if (v < least || Number.isNaN(v)) least = v;
  return least;
}

/** The greatest value; -Infinity for none (as Math.max()). */
export function maxOf(values: readonly number[]): number {
  let greatest = -Infinity;
  for (const v of values) if (v > greatest || Number.isNaN(v)) greatest = v;
  return greatest;
}
