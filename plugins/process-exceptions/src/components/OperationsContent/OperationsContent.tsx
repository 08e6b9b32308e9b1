import {
  InfoCard,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  MaintenanceFailure,
  processExceptionsApiRef,
  UnmappedEvent,
} from '../../api';
import { Timestamp } from '../Timestamp';
import { BackToScorecard } from '../BackToScorecard';
import { LedgerSealsCard } from '../LedgerSealsCard';

const KIND_LABELS: Record<MaintenanceFailure['kind'], string> = {
  step: 'Maintenance step',
  subject: 'Unmapped service',
  notification: 'Notification',
};

const failureColumns: TableColumn<MaintenanceFailure>[] = [
  { title: 'Work', field: 'kind', render: f => KIND_LABELS[f.kind] },
  { title: 'What', field: 'target', highlight: true },
  { title: 'Attempts', field: 'attempts', type: 'numeric' },
  {
    title: 'Failing since',
    field: 'firstFailedAt',
    render: f => <Timestamp value={f.firstFailedAt} />,
  },
  {
    title: 'Next attempt',
    field: 'nextAttemptAt',
    render: f => <Timestamp value={f.nextAttemptAt} />,
  },
  { title: 'Last error', field: 'lastError' },
];

const unmappedColumns: TableColumn<UnmappedEvent>[] = [
  { title: 'Event', field: 'type' },
  { title: 'Source', field: 'source' },
  { title: 'Named as', field: 'subject', highlight: true },
  {
    title: 'Happened',
    field: 'occurredAt',
    render: e => <Timestamp value={e.occurredAt} />,
  },
];

const Empty = ({ children }: { children: string }) => (
  <Box p={2}>
    <Typography variant="body2">{children}</Typography>
  </Box>
);

/**
 * For operators: maintenance work that failed and waits for its retry,
 * events kept until the catalog knows their service, and the ledger's
 * verification. All need `process-exceptions.read`.
 */
export const OperationsContent = () => {
  const api = useApi(processExceptionsApiRef);
  const failures = useAsync(() => api.listMaintenanceFailures(), [api]);
  const unmapped = useAsync(() => api.listUnmapped(), [api]);

  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        <BackToScorecard />
      </Grid>
      <Grid item>
        {failures.error ? (
          <ResponseErrorPanel
            title="Could not load the failing maintenance work"
            error={failures.error}
          />
        ) : (
          <Table<MaintenanceFailure>
            title="Failing maintenance work"
            subtitle="Retried with backoff (10 s doubling, at most an hour); each one waits alone, the rest keep running"
            isLoading={failures.loading}
            data={failures.value?.items ?? []}
            columns={failureColumns}
            options={{ paging: false, search: false, padding: 'dense' }}
            emptyContent={<Empty>Nothing is failing.</Empty>}
          />
        )}
      </Grid>
      <Grid item>
        {unmapped.error ? (
          <ResponseErrorPanel
            title="Could not load the unmapped events"
            error={unmapped.error}
          />
        ) : (
          <InfoCard
            title="Events waiting for their service"
            subheader="Kept until the catalog knows the service they name, then applied"
            noPadding
          >
            <Table<UnmappedEvent>
              isLoading={unmapped.loading}
              data={unmapped.value?.items ?? []}
              columns={unmappedColumns}
              options={{
                paging: false,
                search: false,
                toolbar: false,
                padding: 'dense',
              }}
              emptyContent={<Empty>Every event has its service.</Empty>}
            />
          </InfoCard>
        )}
      </Grid>
      <Grid item>
        <LedgerSealsCard />
      </Grid>
    </Grid>
  );
};
