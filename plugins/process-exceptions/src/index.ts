/**
 * The process-exceptions frontend plugin (legacy frontend system exports;
 * the new frontend system plugin is the default export of `./alpha`).
 *
 * @packageDocumentation
 */
export {
  processExceptionsPlugin,
  EntityProcessExceptionsContent,
  EntityOverdueBackfillsCard,
  ProcessExceptionsPage,
} from './plugin';
export { isProcessExceptionsAvailable } from './filters';
export {
  ProcessExceptionSearchResultListItem,
  type ProcessExceptionSearchResultListItemProps,
} from './components/ProcessExceptionSearchResultListItem';
export { processExceptionsApiRef, ProcessExceptionsClient } from './api';
export type {
  ProcessExceptionsApi,
  ProcessExceptionDetail,
  TimelineEvent,
  ListExceptionsRequest,
  ExceptionsPage,
  RecordExceptionRequest,
  ListFindingsRequest,
  AcknowledgeFindingResult,
  ExceptionSummary,
  ScorecardRow,
  GetScorecardRequest,
  Scorecard,
  TrendWeek,
  GetTrendsRequest,
  Trends,
} from './api';
