export { ExceptionTimeline } from './ExceptionTimeline';
