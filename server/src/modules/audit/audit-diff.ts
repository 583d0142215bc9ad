/**
 * What a change did, for an audit row: the fields of `proposed` whose value differs from
 * `current`, with their old and new values. Null when nothing would change (then nothing is
 * written and nothing is audited). Values compare as JSON, so arrays and objects compare by content.
 */
export function changedFields<T extends object>(
  current: T,
  proposed: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | null {
  const keys = (Object.keys(proposed) as Array<keyof T>).filter(
    (key) => proposed[key] !== undefined && JSON.stringify(proposed[key]) !== JSON.stringify(current[key]),
  );
  if (keys.length === 0) return null;
  return {
    before: Object.fromEntries(keys.map((key) => [key, current[key]])) as Partial<T>,
    after: Object.fromEntries(keys.map((key) => [key, proposed[key]])) as Partial<T>,
  };
}
