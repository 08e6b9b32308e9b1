export { TrailContent } from './TrailContent';
