/**
 * PostgreSQL returns timestamps as Date, SQLite as epoch milliseconds; the
 * rest of the plugin sees only Date and ISO strings.
 */
export function toDate(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * A timestamp in PostgreSQL's JSON text when the session is in UTC, e.g.
 * `2026-11-24T10:00:00.025+00:00`: seconds, then up to six fraction digits.
 */
const UTC_JSON_TIME =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00:00$/;

export function toIso(value: Date | number | string | null): string | null {
  if (value === null || value === undefined) return null;
  // Rewritten without parsing a Date, as toISOString would write it (to the
  // millisecond, truncated): a page of history holds hundreds of task times.
  const utc = typeof value === 'string' ? UTC_JSON_TIME.exec(value) : null;
  if (utc) return `${utc[1]}.${(utc[2] ?? '').slice(0, 3).padEnd(3, '0')}Z`;
  return toDate(value).toISOString();
}

/** SQLite stores booleans as 0/1. */
export function toBool(value: boolean | number | null): boolean | null {
  return value === null || value === undefined ? null : Boolean(value);
}

export function parseJson<T>(value: string | object): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Plain code-unit order: the same on every replica, whatever its locale. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
