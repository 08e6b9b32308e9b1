import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import RadioButtonUncheckedIcon from '@material-ui/icons/RadioButtonUnchecked';
import { BackfillTask } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { useNow } from '../../hooks/useNow';
import { formatCountdown } from '../../utils/countdown';
import { formatExact } from '../../utils/formatDuration';
import { ROLE_LABELS, labelOf } from '../../utils/labels';
import { SafeLink } from '../SafeLink';
import { Timestamp } from '../Timestamp';

export interface BackfillChecklistProps {
  tasks: BackfillTask[];
  /** Offered on undone tasks only when set (the person may complete tasks). */
  onComplete?(task: BackfillTask): void;
}

const useStyles = makeStyles(theme => ({
  done: { color: theme.palette.success.main },
}));

const TaskDetails = ({ task }: { task: BackfillTask }) => {
  const now = useNow();
  if (task.doneAt) {
    return (
      <>
        Done by {task.doneBy ?? 'unknown'} <Timestamp value={task.doneAt} />
        {task.evidenceUrl && (
          <>
            {' · '}
            <SafeLink href={task.evidenceUrl}>Evidence</SafeLink>
          </>
        )}
      </>
    );
  }
  if (!task.dueAt) return <>Not due yet</>;
  const countdown = formatCountdown(task.dueAt, now);
  return (
    <Typography
      component="span"
      variant="body2"
      color={countdown.overdue ? 'error' : 'textSecondary'}
      title={`Due ${formatExact(task.dueAt)}`}
    >
      {countdown.text}
    </Typography>
  );
};

/** The backfill tasks of an exception: who owes what, by when, and the evidence. */
export const BackfillChecklist = ({
  tasks,
  onComplete,
}: BackfillChecklistProps) => {
  const classes = useStyles();
  if (tasks.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No backfill tasks.
      </Typography>
    );
  }
  return (
    <List dense aria-label="Backfill checklist">
      {tasks.map(task => (
        <ListItem key={task.key}>
          <ListItemIcon>
            {task.doneAt ? (
              <CheckCircleIcon titleAccess="Done" className={classes.done} />
            ) : (
              <RadioButtonUncheckedIcon titleAccess="Not done" />
            )}
          </ListItemIcon>
          <ListItemText
            primary={task.title}
            secondary={
              <>
                {labelOf(ROLE_LABELS, task.role)} · <TaskDetails task={task} />
              </>
            }
          />
          {!task.doneAt && onComplete && (
            <ListItemSecondaryAction>
              <Button
                size="small"
                color="primary"
                onClick={() => onComplete(task)}
                aria-label={`Mark done: ${task.title}`}
              >
                Mark done
              </Button>
            </ListItemSecondaryAction>
          )}
        </ListItem>
      ))}
    </List>
  );
};
