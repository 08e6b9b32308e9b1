export { ExceptionDetailDrawer } from './ExceptionDetailDrawer';
