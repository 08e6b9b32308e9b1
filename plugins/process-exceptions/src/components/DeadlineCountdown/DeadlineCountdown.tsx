import Typography from '@material-ui/core/Typography';
import { ProcessException } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { useNow } from '../../hooks/useNow';
import { describeDeadline } from '../../utils/countdown';
import { formatExact } from '../../utils/formatDuration';

export type DeadlineCountdownProps = Pick<
  ProcessException,
  'status' | 'deadline' | 'backfilledOnTime'
>;

/** "due in 5 h", or "overdue by 2 d" in the theme's error colour. */
export const DeadlineCountdown = (props: DeadlineCountdownProps) => {
  const now = useNow();
  const { text, overdue } = describeDeadline(props, now);
  return (
    <Typography
      component="span"
      variant="body2"
      color={overdue ? 'error' : 'inherit'}
      title={props.deadline ? `Due ${formatExact(props.deadline)}` : undefined}
    >
      {text}
    </Typography>
  );
};
