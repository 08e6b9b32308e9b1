import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { processExceptionsApiRef, TrailEntry, TrailQuery } from '../../api';
import { SafeLink } from '../SafeLink';
import { Timestamp } from '../Timestamp';
import { BackToScorecard } from '../BackToScorecard';
import { TrailSearch } from '../TrailSearch';
import { TRAIL_KEYS, trailKeyIn } from '../../utils/trailKeys';
import { describeEntry, senderUrlOf } from './describeEntry';
import { useTrailLink } from '../../hooks/useTrailLink';

const useStyles = makeStyles(theme => ({
  timeline: { listStyle: 'none', margin: 0, padding: 0 },
  entry: {
    position: 'relative',
    paddingLeft: theme.spacing(4),
    paddingBottom: theme.spacing(2),
    borderLeft: `2px solid ${theme.palette.divider}`,
    marginLeft: theme.spacing(1),
    '&::before': {
      content: '""',
      position: 'absolute',
      left: -7,
      top: 4,
      width: 12,
      height: 12,
      borderRadius: '50%',
      background: theme.palette.primary.main,
    },
  },
  indirect: { '&::before': { background: theme.palette.grey[500] } },
  meta: { display: 'flex', gap: theme.spacing(1.5), flexWrap: 'wrap' },
}));

const TrailTimeline = ({ entries }: { entries: TrailEntry[] }) => {
  const classes = useStyles();
  return (
    <ol className={classes.timeline} aria-label="Trail">
      {entries.map((entry, i) => {
        const { what, detail } = describeEntry(entry);
        const indirect = entry.kind === 'event' && !entry.direct;
        const url = senderUrlOf(entry);
        return (
          <li
            key={i}
            className={`${classes.entry} ${indirect ? classes.indirect : ''}`}
          >
            <div className={classes.meta}>
              <Typography variant="caption" color="textSecondary">
                <Timestamp value={entry.at} />
              </Typography>
              <Typography variant="caption">
                {entry.entityRef ? (
                  <EntityRefLink entityRef={entry.entityRef} />
                ) : (
                  'Service not in the catalog yet'
                )}
              </Typography>
            </div>
            <Typography variant="body1">{what}</Typography>
            <Typography variant="body2" color="textSecondary">
              {detail}
              {url ? (
                <>
                  {' · '}
                  <SafeLink href={url}>Open at the sender</SafeLink>
                </>
              ) : null}
            </Typography>
          </li>
        );
      })}
    </ol>
  );
};

/**
 * The trail of one key, across services, as a vertical timeline: the
 * events, exceptions, closed tasks and findings it touches.
 */
export const TrailContent = () => {
  const api = useApi(processExceptionsApiRef);
  const [search] = useSearchParams();
  const key = trailKeyIn(search);
  const linkTo = useTrailLink();
  const trail = useAsync(
    async () =>
      key ? api.getTrail({ [key.param]: key.value } as TrailQuery) : undefined,
    [api, key?.param, key?.value],
  );
  const label = key
    ? `${TRAIL_KEYS.find(k => k.param === key.param)!.label.toLocaleLowerCase(
        'en-US',
      )} ${key.value}`
    : undefined;

  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        <BackToScorecard />
      </Grid>
      <Grid item>
        <TrailSearch key={label} linkTo={linkTo} initial={key} />
      </Grid>
      <Grid item>
        {!key && (
          <Typography>
            Give a change, deployment, incident, flag or story to follow.
          </Typography>
        )}
        {trail.loading && <Progress />}
        {trail.error && (
          <ResponseErrorPanel
            title="Could not load the trail"
            error={trail.error}
          />
        )}
        {trail.value && !trail.loading && (
          <InfoCard
            title={`Trail of ${label}`}
            subheader={
              trail.value.entries.length === 0
                ? 'Nothing in the ledger carries this key (or you may not read it).'
                : `${trail.value.entries.length} entries across ${
                    trail.value.services.length
                  } service${trail.value.services.length === 1 ? '' : 's'}`
            }
          >
            <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 8 }}>
              {trail.value.services.map(ref => (
                <Chip
                  key={ref}
                  size="small"
                  label={<EntityRefLink entityRef={ref} />}
                />
              ))}
            </Box>
            <TrailTimeline entries={trail.value.entries} />
            {trail.value.truncated && (
              <Typography variant="body2" color="textSecondary">
                More than 1,000 events carry this key; the first are shown.
              </Typography>
            )}
          </InfoCard>
        )}
      </Grid>
    </Grid>
  );
};
