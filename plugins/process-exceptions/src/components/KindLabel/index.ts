export { KindLabel, kindColor } from './KindLabel';
