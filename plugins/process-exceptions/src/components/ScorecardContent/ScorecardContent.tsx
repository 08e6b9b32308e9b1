import {
  ContentHeader,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { processExceptionsApiRef } from '../../api';
import { ScorecardTable } from '../ScorecardTable';
import { TrendChart } from '../TrendChart';
import { TrailSearch } from '../TrailSearch';
import { EvidenceDialog } from '../EvidenceDialog';
import { useTrailLink } from '../../hooks/useTrailLink';

const WINDOWS = [
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: '180d', label: 'Last 180 days' },
];
const TREND_WEEKS = 12;
const ORGANISATION = '';
/** The owner the backend reports for services the catalog gives no owner. */
const UNKNOWN_OWNER = 'unknown';

const teamName = (ref: string) => {
  if (ref === UNKNOWN_OWNER) return 'No owner in the catalog';
  try {
    return humanizeEntityRef(parseEntityRef(ref, { defaultKind: 'group' }), {
      defaultKind: 'group',
    });
  } catch {
    return ref;
  }
};

/**
 * The scorecard for team leads: teams ranked by overdue backfills, on-time
 * rate, time to backfill and unrecorded exceptions, with trends over time.
 * One request for the table and one for the chart, never one per service.
 */
export const ScorecardContent = () => {
  const api = useApi(processExceptionsApiRef);
  const [timeWindow, setTimeWindow] = useState('90d');
  const [owner, setOwner] = useState(ORGANISATION);

  const scorecard = useAsync(
    () => api.getScorecard({ groupBy: 'owner', window: timeWindow }),
    [api, timeWindow],
  );
  const trends = useAsync(
    () => api.getTrends({ owner: owner || undefined, weeks: TREND_WEEKS }),
    [api, owner],
  );
  const teams = scorecard.value?.items ?? [];
  const trailLink = useTrailLink();
  const [downloading, setDownloading] = useState(false);

  return (
    <>
      <ContentHeader title="Scorecard">
        <TextField
          select
          id="scorecard-window"
          label="Window"
          value={timeWindow}
          variant="outlined"
          size="small"
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          onChange={e => setTimeWindow(e.target.value)}
        >
          {WINDOWS.map(w => (
            <option key={w.value} value={w.value}>
              {w.label}
            </option>
          ))}
        </TextField>
        <Button variant="outlined" onClick={() => setDownloading(true)}>
          Download evidence
        </Button>
        <Button component={RouterLink} to="operations" variant="outlined">
          Operations
        </Button>
      </ContentHeader>
      <EvidenceDialog
        open={downloading}
        onClose={() => setDownloading(false)}
        teams={teams
          .filter(t => t.key !== UNKNOWN_OWNER)
          .map(t => ({ ref: t.key, name: teamName(t.key) }))}
      />
      <Grid container spacing={3} direction="column">
        <Grid item>
          <TrailSearch linkTo={trailLink} />
        </Grid>
        <Grid item>
          {scorecard.error ? (
            <ResponseErrorPanel
              title="Could not load the scorecard"
              error={scorecard.error}
            />
          ) : (
            <ScorecardTable
              rows={teams}
              loading={scorecard.loading}
              onSelectTeam={setOwner}
            />
          )}
        </Grid>
        <Grid item>
          <InfoCard
            title={`Trend: ${owner ? teamName(owner) : 'whole organisation'}`}
            subheader={`Exceptions opened per week by kind, and the share backfilled on time, over ${TREND_WEEKS} weeks`}
            action={
              <TextField
                select
                id="scorecard-trend-owner"
                label="Trend for"
                value={owner}
                size="small"
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
                onChange={e => setOwner(e.target.value)}
              >
                <option value={ORGANISATION}>Whole organisation</option>
                {teams.map(t => (
                  <option key={t.key} value={t.key}>
                    {teamName(t.key)}
                  </option>
                ))}
              </TextField>
            }
          >
            {trends.loading && <Progress />}
            {trends.error && (
              <ResponseErrorPanel
                title="Could not load the trend"
                error={trends.error}
              />
            )}
            {trends.value && !trends.loading && (
              <TrendChart weeks={trends.value.weeks} />
            )}
          </InfoCard>
        </Grid>
      </Grid>
    </>
  );
};
