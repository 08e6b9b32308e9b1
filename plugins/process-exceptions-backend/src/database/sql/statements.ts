/** A statement in knex's placeholder style: `?` a value, `??` an identifier. */
export type Statement = { sql: string; bindings: readonly unknown[] };

/**
 * Writes as one statement, each but the last in a `with` clause (data-
 * modifying CTEs run in the order written); none if there are none.
 */
export function inOneStatement(parts: Statement[]): Statement | undefined {
  const last = parts[parts.length - 1];
  if (!last) return undefined;
  const first = parts.slice(0, -1);
  return {
    sql: [
      first.length
        ? `with ${first.map((p, n) => `w${n} as (${p.sql})`).join(', ')}`
        : '',
      last.sql,
    ].join(' '),
    bindings: parts.flatMap(p => p.bindings),
  };
}
