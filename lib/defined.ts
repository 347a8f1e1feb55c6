/**
 * `value`, checked: for a value the code around it guarantees (an index within bounds, a key it has just set,
 * the first row of a result it checked is not empty). Where a `!` would assume the guarantee away, this
 * throws an Error naming what is missing, so a broken guarantee fails there rather than as an `undefined`
 * further on.
 */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`${what} is missing`);
  return value;
}
