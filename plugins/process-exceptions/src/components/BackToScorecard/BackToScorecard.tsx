import Button from '@material-ui/core/Button';
import { Link as RouterLink } from 'react-router-dom';

/** The way back from a view below the page (the trail, operations). */
export const BackToScorecard = () => (
  <Button component={RouterLink} to=".." variant="outlined">
    Back to the scorecard
  </Button>
);
