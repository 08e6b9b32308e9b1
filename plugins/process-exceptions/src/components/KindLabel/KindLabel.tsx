import { makeStyles, Theme } from '@material-ui/core/styles';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import ToggleOffIcon from '@material-ui/icons/ToggleOff';
import AssignmentLateIcon from '@material-ui/icons/AssignmentLate';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import { ExceptionKind } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { KIND_LABELS, labelOf } from '../../utils/labels';

/** One colour per kind, from the theme so dark mode works; shared with the trend chart. */
export const kindColor = (theme: Theme, kind: string): string => {
  switch (kind) {
    case 'hotfix':
      return theme.palette.error.main;
    case 'flag-disable':
      return theme.palette.warning.main;
    case 'partial-readiness':
      return theme.palette.info.main;
    default:
      return theme.palette.text.secondary;
  }
};

const ICONS: Record<ExceptionKind, typeof WhatshotIcon> = {
  hotfix: WhatshotIcon,
  'flag-disable': ToggleOffIcon,
  'partial-readiness': AssignmentLateIcon,
};

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  icon: (props: { kind: string }) => ({ color: kindColor(theme, props.kind) }),
}));

/** The kind of an exception: its icon in the kind's colour, and its name. */
export const KindLabel = ({ kind }: { kind: string }) => {
  const classes = useStyles({ kind });
  const Icon =
    (ICONS as Record<string, typeof WhatshotIcon>)[kind] ?? HelpOutlineIcon;
  return (
    <span className={classes.root}>
      <Icon className={classes.icon} fontSize="small" aria-hidden />
      {labelOf(KIND_LABELS, kind)}
    </span>
  );
};
