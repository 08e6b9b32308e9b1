import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CheckStatus } from './CheckStatus';
import type { ScorecardRow } from './scorecardRows';

const useStyles = makeStyles(theme => ({
  item: { alignItems: 'flex-start', gap: theme.spacing(2) },
  status: { minWidth: theme.spacing(14), paddingTop: theme.spacing(0.25) },
  text: { flex: 1, minWidth: 0 },
  solution: { marginTop: theme.spacing(0.5) },
  links: {
    display: 'flex',
    gap: theme.spacing(2),
    marginTop: theme.spacing(0.5),
  },
}));

/** One check: its outcome, name, description and, when it failed, the fix. */
export const CheckResultItem = ({ row }: { row: ScorecardRow }) => {
  const classes = useStyles();
  const nameId = `tech-insights-check-${row.id}`;
  return (
    <ListItem divider className={classes.item} aria-labelledby={nameId}>
      <Box className={classes.status}>
        <CheckStatus status={row.status} />
      </Box>
      <Box className={classes.text}>
        <Typography id={nameId} variant="subtitle1" component="h3">
          {row.name}
        </Typography>
        {row.description && (
          <Typography variant="body2" color="textSecondary">
            {row.description}
          </Typography>
        )}
        {row.status === 'failed' && row.solution && (
          <Typography variant="body2" className={classes.solution}>
            <strong>Solution:</strong> {row.solution}
          </Typography>
        )}
        {row.status === 'no-data' && (
          <Typography variant="body2" color="textSecondary">
            No facts have been collected for this check yet.
          </Typography>
        )}
        {row.links.length > 0 && (
          <Typography variant="body2" component="div" className={classes.links}>
            {row.links.map(link => (
              <Link key={link.url} to={link.url}>
                {link.title}
              </Link>
            ))}
          </Typography>
        )}
      </Box>
    </ListItem>
  );
};
