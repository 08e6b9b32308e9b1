export { ExceptionsTable } from './ExceptionsTable';
