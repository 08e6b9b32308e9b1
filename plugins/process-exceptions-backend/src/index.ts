/**
 * The process-exceptions backend plugin: an append-only ledger of delivery
 * events and the exceptions, backfill tasks and findings derived from it.
 *
 * @packageDocumentation
 */
export { processExceptionsPlugin as default } from './plugin';
