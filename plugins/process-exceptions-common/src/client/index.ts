export { ProcessExceptionsClient } from './ProcessExceptionsClient';
export { ProcessExceptionsApiError } from './ProcessExceptionsApiError';
export { ProcessExceptionsNetworkError } from './ProcessExceptionsNetworkError';
export type {
  EntitySummary,
  ExceptionsPage,
  ExceptionTimelineEvent,
  FindingsList,
  IngestResponse,
  IngestResult,
  ListExceptionsQuery,
  ListFindingsQuery,
  MergeGate,
  MergeGateBlocker,
  MergeGateQuery,
  ProcessExceptionDetail,
  ProcessExceptionsClientOptions,
  Scorecard,
  ScorecardQuery,
  ScorecardRow,
} from './types';
