import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ScorecardRow } from '../../api';
import { formatHours } from '../../utils/formatDuration';

/** The owner the backend reports for services the catalog gives no owner. */
const UNKNOWN_OWNER = 'unknown';

type Row = ScorecardRow & { rank: number };

const byNullable =
  (pick: (row: Row) => number | null) =>
  (a: Row, b: Row): number =>
    // "no data yet" sorts after every number
    (pick(a) ?? Number.POSITIVE_INFINITY) -
    (pick(b) ?? Number.POSITIVE_INFINITY);

const TeamName = ({ owner }: { owner: string }) =>
  owner === UNKNOWN_OWNER ? (
    <>No owner in the catalog</>
  ) : (
    <EntityRefLink entityRef={owner} defaultKind="group" />
  );

const Services = ({ row }: { row: Row }) => (
  <Box px={4} py={2}>
    <Typography variant="subtitle2" gutterBottom>
      Services of this team
    </Typography>
    {row.entityRefs.length === 0 ? (
      <Typography variant="body2">No services with exceptions.</Typography>
    ) : (
      <ul aria-label={`Services of ${row.key}`}>
        {row.entityRefs.map(ref => (
          <li key={ref}>
            <EntityRefLink entityRef={ref} />
          </li>
        ))}
      </ul>
    )}
  </Box>
);

export interface ScorecardTableProps {
  rows: ScorecardRow[];
  loading?: boolean;
  /** Shows the trend of a team. */
  onSelectTeam?(owner: string): void;
}

/** Teams ranked worst first by the backend; sortable and searchable in the browser. */
export const ScorecardTable = ({
  rows,
  loading,
  onSelectTeam,
}: ScorecardTableProps) => {
  const data: Row[] = rows.map((row, i) => ({ ...row, rank: i + 1 }));
  const columns: TableColumn<Row>[] = [
    { title: 'Rank', field: 'rank', width: '80px', type: 'numeric' },
    {
      title: 'Team',
      field: 'key',
      highlight: true,
      render: row => <TeamName owner={row.key} />,
    },
    {
      title: 'Services',
      field: 'entityRefs',
      type: 'numeric',
      searchable: false,
      customSort: (a, b) => a.entityRefs.length - b.entityRefs.length,
      render: row => row.entityRefs.length,
    },
    { title: 'Open', field: 'open', type: 'numeric', searchable: false },
    {
      title: 'Overdue',
      field: 'overdue',
      type: 'numeric',
      searchable: false,
      render: row => (
        <Typography
          variant="body2"
          component="span"
          color={row.overdue > 0 ? 'error' : 'inherit'}
        >
          {row.overdue}
        </Typography>
      ),
    },
    {
      title: 'On-time backfill rate',
      field: 'onTimeRate',
      type: 'numeric',
      searchable: false,
      customSort: byNullable(r => r.onTimeRate),
      render: row =>
        row.onTimeRate === null ? '—' : `${Math.round(row.onTimeRate * 100)}%`,
    },
    {
      title: 'Median time to backfill',
      field: 'medianHoursToBackfill',
      type: 'numeric',
      searchable: false,
      customSort: byNullable(r => r.medianHoursToBackfill),
      render: row => formatHours(row.medianHoursToBackfill),
    },
    {
      title: 'Unacknowledged findings',
      field: 'unacknowledgedFindings',
      type: 'numeric',
      searchable: false,
    },
  ];
  return (
    <Table<Row>
      title="Teams, worst first"
      columns={columns}
      data={data}
      isLoading={loading}
      options={{
        paging: data.length > 20,
        pageSize: 20,
        search: true,
        sorting: true,
        padding: 'dense',
      }}
      detailPanel={[
        {
          tooltip: 'Show services',
          render: ({ rowData }) => <Services row={rowData} />,
        },
      ]}
      onRowClick={
        onSelectTeam ? (_event, row) => row && onSelectTeam(row.key) : undefined
      }
      emptyContent={<Box p={2}>No exceptions recorded in this window.</Box>}
    />
  );
};
