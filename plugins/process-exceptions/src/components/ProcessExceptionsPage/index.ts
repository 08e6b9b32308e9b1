export { ProcessExceptionsPage } from './ProcessExceptionsPage';
