import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { processExceptionsApiRef } from '../../api';

const useStyles = makeStyles(theme => ({
  tile: { padding: theme.spacing(2), height: '100%' },
  value: { fontWeight: theme.typography.fontWeightBold as number },
}));

interface TileProps {
  label: string;
  value: string | number;
  hint?: string;
  alert?: boolean;
}

const Tile = ({ label, value, hint, alert }: TileProps) => {
  const classes = useStyles();
  return (
    <Paper className={classes.tile} variant="outlined">
      <Typography
        variant="h4"
        component="p"
        className={classes.value}
        color={alert ? 'error' : 'textPrimary'}
        aria-label={`${label}: ${value}`}
      >
        {value}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {label}
      </Typography>
      {hint && (
        <Typography variant="caption" color="textSecondary">
          {hint}
        </Typography>
      )}
    </Paper>
  );
};

export interface SummaryStripProps {
  entityRef: string;
  /** Changing it reloads the counts. */
  refreshKey?: number;
}

/** Open, overdue, backfilled on time (90 days) and unacknowledged findings of one service. */
export const SummaryStrip = ({ entityRef, refreshKey }: SummaryStripProps) => {
  const api = useApi(processExceptionsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getSummary({ entityRef }),
    [api, entityRef, refreshKey],
  );

  if (loading && !value) return <Progress />;
  if (error) {
    return (
      <ResponseErrorPanel title="Could not load the summary" error={error} />
    );
  }
  if (!value) return null;

  const backfilled = value.backfilledOnTime + value.backfilledLate;
  return (
    <Grid container spacing={2}>
      <Grid item xs={6} md={3}>
        <Tile label="Open" value={value.open} />
      </Grid>
      <Grid item xs={6} md={3}>
        <Tile label="Overdue" value={value.overdue} alert={value.overdue > 0} />
      </Grid>
      <Grid item xs={6} md={3}>
        <Tile
          label="Backfilled on time (last 90 days)"
          value={value.backfilledOnTime}
          hint={
            backfilled > 0 ? `of ${backfilled} backfilled` : 'none backfilled'
          }
        />
      </Grid>
      <Grid item xs={6} md={3}>
        <Tile
          label="Unacknowledged findings"
          value={value.unacknowledgedFindings}
          alert={value.unacknowledgedFindings > 0}
        />
      </Grid>
    </Grid>
  );
};
