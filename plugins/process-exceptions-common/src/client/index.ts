export { ProcessExceptionsClient } from './ProcessExceptionsClient';
export { ProcessExceptionsApiError } from './ProcessExceptionsApiError';
export { ProcessExceptionsNetworkError } from './ProcessExceptionsNetworkError';
export type { ProcessExceptionsClientOptions } from './types';
