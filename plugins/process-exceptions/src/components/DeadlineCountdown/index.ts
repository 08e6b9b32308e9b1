export { DeadlineCountdown } from './DeadlineCountdown';
