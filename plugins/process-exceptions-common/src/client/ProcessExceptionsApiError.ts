/**
 * The backend answered with an error status: a 4xx at once (retrying cannot
 * help), a 5xx once the retries are used up.
 *
 * @public
 */
export class ProcessExceptionsApiError extends Error {
  /** The HTTP status, e.g. 400. */
  readonly status: number;
  /** The URL that answered. */
  readonly url: string;
  /** How many requests were made before giving up. */
  readonly attempts: number;

  constructor(options: {
    status: number;
    name: string;
    message: string;
    url: string;
    attempts?: number;
  }) {
    super(options.message);
    this.name = options.name;
    this.status = options.status;
    this.url = options.url;
    this.attempts = options.attempts ?? 1;
  }

  /**
   * Reads the backend's `{ error: { name, message } }` body; proxies and load
   * balancers answer with HTML or nothing, so fall back to the status text.
   */
  static async fromResponse(
    response: Response,
    url: string,
    attempts = 1,
  ): Promise<ProcessExceptionsApiError> {
    let name: string | undefined;
    let message: string | undefined;
    try {
      const body = JSON.parse(await response.text());
      if (typeof body?.error?.name === 'string') name = body.error.name;
      if (typeof body?.error?.message === 'string') {
        message = body.error.message;
      }
    } catch {
      // Not the backend's JSON error body; the status text below has to do.
    }
    return new ProcessExceptionsApiError({
      status: response.status,
      name: name || 'ResponseError',
      message:
        message ||
        response.statusText ||
        `Request failed with status ${response.status}`,
      url,
      attempts,
    });
  }
}
