/**
 * Options of {@link ProcessExceptionsClient}.
 *
 * @public
 */
export interface ProcessExceptionsClientOptions {
  /**
   * The plugin's base URL, e.g. `http://localhost:7007/api/process-exceptions`
   * or, in a backend plugin, `await discovery.getBaseUrl('process-exceptions')`.
   */
  baseUrl: string;
  /** A static token sent as `Authorization: Bearer …`. */
  token?: string;
  /**
   * Called before every attempt, so short-lived tokens (e.g. from
   * `auth.getPluginRequestToken`) are fresh; wins over `token`.
   */
  getToken?: () => Promise<string | undefined>;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Further attempts after the first on a 5xx or network error; default 3. */
  retries?: number;
  /** Delay before the first retry, doubled for each further one; default 250. */
  retryDelayMs?: number;
}
