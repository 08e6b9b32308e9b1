/**
 * What the plugin needs from storage; callers never see SQL.
 *
 * @internal
 */
export interface ExceptionStore {
  /** Answers whether the database can be reached. */
  ping(): Promise<void>;
}
