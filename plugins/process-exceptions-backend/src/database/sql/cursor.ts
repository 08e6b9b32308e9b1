import { InputError } from '@backstage/errors';

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
