/**
 * The type of the documents the search collator indexes, and that the
 * frontend's search result list item renders.
 *
 * @public
 */
export const PROCESS_EXCEPTION_SEARCH_TYPE = 'process-exception';

/**
 * One exception or finding in Backstage's search index. It is a search
 * `IndexableDocument` (`title`, `text`, `location`, `authorization`) with the
 * fields of the record. Every field is present in every document, and each
 * is a string or null: Lunr, the default engine, takes its fields from the
 * first document it indexes, and tokenizes only strings into words.
 *
 * @public
 */
export type ProcessExceptionSearchDocument = {
  /** An exception's name; for a finding, what broke and where. */
  title: string;
  /** An exception's reason; a finding's message. */
  text: string;
  /** Where a person reads the record in the portal. */
  location: string;
  /** The search backend shows the document to whoever may read this entity. */
  authorization: { resourceRef: string };
  record: 'exception' | 'finding';
  /** The exception's or finding's id. */
  id: string;
  /** An exception's kind (`hotfix`, …); a finding's rule. */
  kind: string;
  /** An exception's status; a finding's `acknowledged` or `unacknowledged`. */
  status: string;
  /** The service, e.g. `component:default/payments-api`. */
  entityRef: string;
  /** The service's owner in the catalog, e.g. `group:default/payments-team`. */
  owner: string | null;
  incident: string | null;
  /** The change ids, separated by a comma and a space. */
  changes: string | null;
  flag: string | null;
  story: string | null;
  deployment: string | null;
  /** When the exception was opened or the finding detected (ISO 8601). */
  occurredAt: string;
};
