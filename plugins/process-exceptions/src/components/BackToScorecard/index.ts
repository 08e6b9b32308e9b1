export { BackToScorecard } from './BackToScorecard';
