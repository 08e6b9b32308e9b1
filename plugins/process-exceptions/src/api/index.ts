export * from './ProcessExceptionsApi';
export { ProcessExceptionsClient } from './ProcessExceptionsClient';
