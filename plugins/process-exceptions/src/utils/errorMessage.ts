import { ResponseError } from '@backstage/errors';

/** The server's own message (it names the problem) rather than "Request failed with 400". */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) return error.cause.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
