import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { toDate } from './conversions';

/** Position after the last row of a page ordered by (opened_at, id) descending. */
export interface Cursor {
  openedAt: number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.openedAt, cursor.id])).toString(
    'base64url',
  );
}

export function decodeCursor(value: string): Cursor {
  try {
    const [openedAt, id] = JSON.parse(
      Buffer.from(value, 'base64url').toString('utf8'),
    );
    if (typeof openedAt === 'number' && typeof id === 'string') {
      return { openedAt, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor: not a cursor this API returned');
}

/**
 * One page of `q` newest first by (`columns.time`, `columns.id`), starting
 * after `page.cursor`; `timeOf` reads a row's time for the next cursor.
 */
export async function newestFirstPage<T extends { id: string }>(
  q: Knex.QueryBuilder,
  columns: { time: string; id: string },
  timeOf: (row: T) => Date | number | string,
  page: { limit: number; cursor?: string },
): Promise<{ rows: T[]; nextCursor: string | null }> {
  const { time, id } = columns;
  if (page.cursor) {
    const after = decodeCursor(page.cursor);
    const at = new Date(after.openedAt);
    q.where(w =>
      w
        .where(time, '<', at)
        .orWhere(w2 => w2.where(time, '=', at).andWhere(id, '<', after.id)),
    );
  }
  const rows: T[] = await q
    .orderBy([
      { column: time, order: 'desc' },
      { column: id, order: 'desc' },
    ])
    .limit(page.limit + 1);
  const kept = rows.slice(0, page.limit);
  const last = kept[kept.length - 1];
  return {
    rows: kept,
    nextCursor:
      rows.length > page.limit && last
        ? encodeCursor({
            openedAt: toDate(timeOf(last)).getTime(),
            id: last.id,
          })
        : null,
  };
}
