export { ExceptionsContent } from './ExceptionsContent';
