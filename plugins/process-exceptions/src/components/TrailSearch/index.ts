export { TrailSearch } from './TrailSearch';
