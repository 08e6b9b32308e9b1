/**
 * The CLI's exit codes, so a CI step can tell a closed gate from a broken
 * pipeline.
 *
 * @public
 */
export const EXIT_CODES = {
  /** Done; for `gate`, the merge is allowed. */
  ok: 0,
  /** `gate`: open readiness gaps block the merge. */
  gateClosed: 1,
  /** Bad arguments, or the backend rejected the request (4xx). */
  rejected: 2,
  /** The backend could not be reached, or answered 5xx after the retries. */
  unavailable: 3,
  /** `rebuild`: the job ended without finishing (superseded by a newer policy). */
  notFinished: 4,
  /** `verify`: the ledger's chain, or the export checked against, does not match. */
  notVerified: 5,
} as const;
