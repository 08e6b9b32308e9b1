import {
  EmptyState,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import MuiLink from '@material-ui/core/Link';
import TablePagination from '@material-ui/core/TablePagination';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  EXCEPTION_KINDS,
  EXCEPTION_STATUSES,
  ExceptionKind,
  ExceptionStatus,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { ChangeEvent, ReactElement, useState } from 'react';
import { useExceptionsPage } from '../../hooks/useExceptionsPage';
import { KIND_LABELS, STATUS_LABELS } from '../../utils/labels';
import { DeadlineCountdown } from '../DeadlineCountdown';
import { ExceptionLinks } from '../ExceptionLinks';
import { KindLabel } from '../KindLabel';
import { StatusLabel } from '../StatusLabel';
import { Timestamp } from '../Timestamp';

const PAGE_SIZES = [20, 50, 100];

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  filter: { minWidth: 200 },
  spacer: { flex: 1 },
  name: { textAlign: 'left' },
}));

export interface ExceptionsTableProps {
  entityRef: string;
  onSelect(id: string): void;
  /** Changing it reloads the current page. */
  refreshKey?: number;
  /** An action shown beside the filters, e.g. "Record exception". */
  action?: ReactElement;
}

/**
 * The exception history of one service, one server page at a time.
 * Sorting stays with the server (newest first): sorting a single page in the
 * browser would suggest an order the rest of the history does not follow.
 */
export const ExceptionsTable = ({
  entityRef,
  onSelect,
  refreshKey,
  action,
}: ExceptionsTableProps) => {
  const classes = useStyles();
  const [status, setStatus] = useState<ExceptionStatus | ''>('');
  const [kind, setKind] = useState<ExceptionKind | ''>('');
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const result = useExceptionsPage({
    entityRef,
    status: status || undefined,
    kind: kind || undefined,
    pageSize,
    refreshKey,
  });

  const filtered = Boolean(status || kind);
  const columns: TableColumn<ProcessException>[] = [
    {
      title: 'Kind',
      field: 'kind',
      render: row => <KindLabel kind={row.kind} />,
    },
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: row => (
        <MuiLink
          component="button"
          variant="body2"
          className={classes.name}
          onClick={(e: { stopPropagation(): void }) => {
            e.stopPropagation();
            onSelect(row.id);
          }}
        >
          {row.name}
        </MuiLink>
      ),
    },
    {
      title: 'Opened',
      field: 'openedAt',
      render: row => <Timestamp value={row.openedAt} />,
    },
    {
      title: 'Deadline',
      field: 'deadline',
      render: row => <DeadlineCountdown {...row} />,
    },
    {
      title: 'Status',
      field: 'status',
      render: row => <StatusLabel {...row} />,
    },
    {
      title: 'Links',
      field: 'links',
      render: row => <ExceptionLinks links={row.links} />,
    },
  ];

  const filters = (
    <Box className={classes.filters}>
      <TextField
        select
        id="exceptions-status-filter"
        label="Status"
        value={status}
        variant="outlined"
        size="small"
        className={classes.filter}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={(e: ChangeEvent<{ value: unknown }>) =>
          setStatus(e.target.value as ExceptionStatus | '')
        }
      >
        <option value="">All statuses</option>
        {EXCEPTION_STATUSES.map(s => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </TextField>
      <TextField
        select
        id="exceptions-kind-filter"
        label="Kind"
        value={kind}
        variant="outlined"
        size="small"
        className={classes.filter}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={(e: ChangeEvent<{ value: unknown }>) =>
          setKind(e.target.value as ExceptionKind | '')
        }
      >
        <option value="">All kinds</option>
        {EXCEPTION_KINDS.map(k => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </TextField>
      <span className={classes.spacer} />
      {action}
    </Box>
  );

  if (result.error) {
    return (
      <>
        {filters}
        <ResponseErrorPanel
          title="Could not load the exceptions"
          error={result.error}
        />
      </>
    );
  }

  if (
    !filtered &&
    !result.loading &&
    result.page === 0 &&
    result.items.length === 0
  ) {
    return (
      <EmptyState
        missing="content"
        title="No exceptions recorded — the chain is intact"
        description="Hotfixes, emergency flag disables and partially ready stories of this service will be listed here with their backfill tasks."
        action={action}
      />
    );
  }

  return (
    <>
      {filters}
      <Table<ProcessException>
        title="Exception history"
        columns={columns}
        data={result.items}
        isLoading={result.loading}
        onRowClick={(_event, row) => row && onSelect(row.id)}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
        }}
        emptyContent={<Box p={2}>No exceptions match these filters.</Box>}
      />
      <TablePagination
        component="div"
        page={result.page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        // -1 tells the pager there is more without claiming a total we do not know
        count={
          result.hasNextPage ? -1 : result.page * pageSize + result.items.length
        }
        onPageChange={(_event, next) =>
          next > result.page ? result.nextPage() : result.previousPage()
        }
        onRowsPerPageChange={e => setPageSize(Number(e.target.value))}
        nextIconButtonProps={{
          disabled: result.loading || !result.hasNextPage,
        }}
        backIconButtonProps={{
          disabled: result.loading || result.page === 0,
        }}
      />
    </>
  );
};
