/**
 * The backend could not be reached (connection refused or reset, DNS
 * failure, …) on any attempt.
 *
 * @public
 */
export class ProcessExceptionsNetworkError extends Error {
  readonly url: string;
  /** How many requests were made before giving up. */
  readonly attempts: number;

  constructor(options: { url: string; attempts: number; cause: unknown }) {
    super(
      `Could not reach ${options.url} after ${options.attempts} attempt${
        options.attempts === 1 ? '' : 's'
      }: ${describeCause(options.cause)}`,
      { cause: options.cause },
    );
    this.name = 'ProcessExceptionsNetworkError';
    this.url = options.url;
    this.attempts = options.attempts;
  }
}

/**
 * Node's fetch throws a bare `TypeError: fetch failed` and hides the useful
 * part (`connect ECONNREFUSED 127.0.0.1:7007`) in `cause`.
 */
function describeCause(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const { message, code } = current as { message?: unknown; code?: unknown };
    let text: string | undefined;
    if (typeof message === 'string' && message) text = message;
    else if (typeof code === 'string') text = code;
    if (text && !messages.includes(text)) messages.push(text);
    current = (current as { cause?: unknown }).cause;
  }
  return messages.length ? messages.join(': ') : String(error);
}
