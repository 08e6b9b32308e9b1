import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import {
  BackfillTask,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { ReactNode, useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ProcessExceptionDetail, processExceptionsApiRef } from '../../api';
import { useActionPermissions } from '../../hooks/useActionPermissions';
import { BackfillChecklist } from '../BackfillChecklist';
import { CompleteTaskDialog } from '../CompleteTaskDialog';
import { DeadlineCountdown } from '../DeadlineCountdown';
import { ExceptionLinks } from '../ExceptionLinks';
import { ExceptionTimeline } from '../ExceptionTimeline';
import { KindLabel } from '../KindLabel';
import { StatusLabel } from '../StatusLabel';
import { Timestamp } from '../Timestamp';
import { useTrailLink } from '../../hooks/useTrailLink';

const useStyles = makeStyles(theme => ({
  paper: {
    width: 560,
    maxWidth: '100vw',
    padding: theme.spacing(3),
  },
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
  },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    margin: theme.spacing(1, 0, 2),
  },
  section: { marginTop: theme.spacing(3) },
  reason: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
  name: { wordBreak: 'break-word' },
}));

const Section = ({
  title,
  children,
}: {
  title: string;
  children: ReactNode;
}) => {
  const classes = useStyles();
  return (
    <section className={classes.section} aria-label={title}>
      <Typography variant="h6" component="h3" gutterBottom>
        {title}
      </Typography>
      {children}
    </section>
  );
};

const DetailBody = ({
  detail,
  onCompleteTask,
}: {
  detail: ProcessExceptionDetail;
  onCompleteTask?(task: BackfillTask): void;
}) => {
  const classes = useStyles();
  const trailLink = useTrailLink();
  return (
    <>
      <Box className={classes.meta}>
        <KindLabel kind={detail.kind} />
        <StatusLabel {...detail} />
        <DeadlineCountdown {...detail} />
      </Box>
      <Typography variant="body2" color="textSecondary">
        Opened <Timestamp value={detail.openedAt} />
        {detail.openedBy ? ` by ${detail.openedBy}` : ''}
      </Typography>
      <Section title="Reason">
        <Typography variant="body1" className={classes.reason}>
          {detail.reason || 'No reason given.'}
        </Typography>
      </Section>
      <Section title="Links">
        <ExceptionLinks links={detail.links} trailLink={trailLink} />
      </Section>
      <Section title="Backfill checklist">
        <BackfillChecklist tasks={detail.tasks} onComplete={onCompleteTask} />
      </Section>
      <Divider />
      <Section title="Timeline">
        <ExceptionTimeline events={detail.timeline} />
      </Section>
    </>
  );
};

export interface ExceptionDetailDrawerProps {
  /** The exception to show; the drawer is open while it is set. */
  exceptionId: string | undefined;
  onClose(): void;
  /** Called after an action changed the exception, so lists can reload. */
  onChanged?(): void;
}

/** The detail of one exception: reason, links, backfill checklist, timeline and actions. */
export const ExceptionDetailDrawer = ({
  exceptionId,
  onClose,
  onChanged,
}: ExceptionDetailDrawerProps) => {
  const classes = useStyles();
  const api = useApi(processExceptionsApiRef);
  const alertApi = useApi(alertApiRef);
  const { canCompleteTask } = useActionPermissions();
  const [completing, setCompleting] = useState<BackfillTask>();
  // The answer of an action, shown at once while the timeline reloads.
  const [updated, setUpdated] = useState<ProcessException>();

  const { value, loading, error, retry } = useAsyncRetry(
    async () => (exceptionId ? api.getException(exceptionId) : undefined),
    [api, exceptionId],
  );
  useEffect(() => setUpdated(undefined), [value]);

  const detail: ProcessExceptionDetail | undefined =
    value && updated && updated.id === value.id
      ? { ...value, ...updated }
      : value;

  const completed = (exception: ProcessException) => {
    setCompleting(undefined);
    setUpdated(exception);
    alertApi.post({
      message: 'Task marked done',
      severity: 'success',
      display: 'transient',
    });
    retry();
    onChanged?.();
  };

  return (
    <Drawer
      anchor="right"
      open={Boolean(exceptionId)}
      onClose={onClose}
      classes={{ paper: classes.paper }}
    >
      <div role="dialog" aria-labelledby="exception-detail-title">
        <Box className={classes.header}>
          <Typography
            id="exception-detail-title"
            variant="h5"
            component="h2"
            className={classes.name}
          >
            {detail?.name ?? 'Exception'}
          </Typography>
          <IconButton aria-label="Close" onClick={onClose} size="small">
            <CloseIcon />
          </IconButton>
        </Box>
        {loading && !detail && <Progress />}
        {error && (
          <ResponseErrorPanel
            title="Could not load the exception"
            error={error}
          />
        )}
        {detail && (
          <DetailBody
            detail={detail}
            onCompleteTask={canCompleteTask ? setCompleting : undefined}
          />
        )}
      </div>
      {detail && (
        <CompleteTaskDialog
          exceptionId={detail.id}
          task={completing}
          onClose={() => setCompleting(undefined)}
          onCompleted={completed}
        />
      )}
    </Drawer>
  );
};
