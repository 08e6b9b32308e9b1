import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import type { CheckStatusValue } from './scorecardRows';

const useStyles = makeStyles(theme => ({
  status: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: theme.typography.fontWeightBold as number,
    whiteSpace: 'nowrap',
  },
  passed: { color: theme.palette.success.main },
  failed: { color: theme.palette.error.main },
  'no-data': { color: theme.palette.text.secondary },
}));

const LABELS: Record<CheckStatusValue, string> = {
  passed: 'Passed',
  failed: 'Failed',
  'no-data': 'No data yet',
};

const ICONS: Record<CheckStatusValue, typeof CheckCircleIcon> = {
  passed: CheckCircleIcon,
  failed: ErrorIcon,
  'no-data': HelpOutlineIcon,
};

/** "Passed", "Failed" or "No data yet", in words as well as colour. */
export const CheckStatus = ({ status }: { status: CheckStatusValue }) => {
  const classes = useStyles();
  const Icon = ICONS[status];
  return (
    <Typography
      component="span"
      variant="body2"
      className={`${classes.status} ${classes[status]}`}
    >
      <Icon fontSize="small" aria-hidden />
      {LABELS[status]}
    </Typography>
  );
};
