/** A value the ingestion statements bind. */
export type PgValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | readonly PgValue[];

/**
 * A value written as a PostgreSQL literal. Text is an `E'…'` string with its
 * quotes and backslashes doubled, which reads the same whatever
 * `standard_conforming_strings` says; NUL cannot be written in a query at all.
 */
export function pgLiteral(value: PgValue): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    if (value.includes('\0')) {
      throw new TypeError('A PostgreSQL text value cannot contain NUL');
    }
    return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError(`Not a finite number: ${value}`);
    }
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return pgLiteral(value.toISOString());
  if (Array.isArray(value)) return `array[${value.map(pgLiteral).join(',')}]`;
  throw new TypeError(`Cannot write ${typeof value} as a PostgreSQL literal`);
}

/** An identifier in double quotes, its own double quotes doubled. */
export function pgIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Replaces knex-style placeholders in `sql`, in order: `??` by an
 * identifier, `?` by a literal. For statements sent without parameters
 * (several in one message); the statements' own text has no `?` of its own.
 */
export function inlineBindings(
  sql: string,
  bindings: readonly PgValue[],
): string {
  let i = 0;
  const out = sql.replace(/\?\??/g, mark => {
    if (i >= bindings.length) {
      throw new Error(`More placeholders than bindings in: ${sql}`);
    }
    const value = bindings[i++];
    return mark === '??' ? pgIdentifier(String(value)) : pgLiteral(value);
  });
  if (i !== bindings.length) {
    throw new Error(`More bindings than placeholders in: ${sql}`);
  }
  return out;
}

/**
 * The same statement with `$n` parameters instead of literals (identifiers
 * still inlined), for one sent on its own: a batch's rows cost less to send
 * as a parameter than to write and parse as a literal.
 */
export function parameterize(
  sql: string,
  bindings: readonly PgValue[],
): { text: string; values: PgValue[] } {
  let i = 0;
  const values: PgValue[] = [];
  const text = sql.replace(/\?\??/g, mark => {
    if (i >= bindings.length) {
      throw new Error(`More placeholders than bindings in: ${sql}`);
    }
    const value = bindings[i++];
    if (mark === '??') return pgIdentifier(String(value));
    values.push(value);
    return `$${values.length}`;
  });
  if (i !== bindings.length) {
    throw new Error(`More bindings than placeholders in: ${sql}`);
  }
  return { text, values };
}
