import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import { ProcessException } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import useAsync from 'react-use/esm/useAsync';
import { processExceptionsApiRef } from '../../api';
import { useNow } from '../../hooks/useNow';
import { describeDeadline } from '../../utils/countdown';
import { ROLE_LABELS, labelOf } from '../../utils/labels';
import { EXCEPTION_PARAM } from '../../routes';
import { KindLabel } from '../KindLabel';

const LIMIT = 10;
/** Relative to the entity page, the Exceptions tab. */
const TAB_PATH = 'exceptions';

const useStyles = makeStyles(theme => ({
  quiet: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    color: theme.palette.text.secondary,
  },
  ok: { color: theme.palette.success.main },
  name: { wordBreak: 'break-word' },
}));

/** The roles that still owe a task, each once, in task order. */
const owedRoles = (exception: ProcessException): string[] => [
  ...new Set(
    exception.tasks
      .filter(t => !t.doneAt)
      .map(t => labelOf(ROLE_LABELS, t.role)),
  ),
];

const OverdueItem = ({ exception }: { exception: ProcessException }) => {
  const classes = useStyles();
  const now = useNow();
  const roles = owedRoles(exception);
  return (
    <ListItem disableGutters divider>
      <ListItemText
        primary={
          <Link
            className={classes.name}
            to={`${TAB_PATH}?${EXCEPTION_PARAM}=${encodeURIComponent(
              exception.id,
            )}`}
          >
            {exception.name}
          </Link>
        }
        secondary={
          <>
            <KindLabel kind={exception.kind} />
            {' · '}
            <Typography component="span" variant="body2" color="error">
              {describeDeadline(exception, now).text}
            </Typography>
            <br />
            {roles.length > 0
              ? `Owed by: ${roles.join(', ')}`
              : 'Every task is done; waiting for the backend to close it'}
          </>
        }
      />
    </ListItem>
  );
};

/** Overdue backfills of the service on its overview page; quiet when all is on time. */
export const OverdueBackfillsCard = () => {
  const classes = useStyles();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(processExceptionsApiRef);
  const { value, loading, error } = useAsync(
    () => api.listExceptions({ entityRef, status: 'overdue', limit: LIMIT }),
    [api, entityRef],
  );

  let content;
  if (loading) content = <Progress />;
  else if (error)
    content = (
      <ResponseErrorPanel
        title="Could not load overdue backfills"
        error={error}
      />
    );
  else if (!value || value.items.length === 0)
    content = (
      <Box className={classes.quiet}>
        <CheckCircleOutlineIcon className={classes.ok} aria-hidden />
        <Typography variant="body2">All backfills on time</Typography>
      </Box>
    );
  else
    content = (
      <>
        <List dense aria-label="Overdue backfills">
          {value.items.map(exception => (
            <OverdueItem key={exception.id} exception={exception} />
          ))}
        </List>
        {value.nextCursor && (
          <Typography variant="body2" color="textSecondary">
            More overdue exceptions are listed in the Exceptions tab.
          </Typography>
        )}
      </>
    );

  return (
    <InfoCard
      title="Overdue backfills"
      deepLink={{ title: 'View all exceptions', link: TAB_PATH }}
    >
      {content}
    </InfoCard>
  );
};
