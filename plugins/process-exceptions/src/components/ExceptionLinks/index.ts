export { ExceptionLinks } from './ExceptionLinks';
