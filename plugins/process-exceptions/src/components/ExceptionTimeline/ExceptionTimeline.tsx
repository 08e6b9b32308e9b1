import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment } from 'react';
import { describeProvenance } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { TimelineEvent } from '../../api';
import { safeUrl } from '../../utils/safeUrl';
import { SafeLink } from '../SafeLink';
import { Timestamp } from '../Timestamp';

const useStyles = makeStyles(theme => ({
  item: {
    borderLeft: `2px solid ${theme.palette.divider}`,
    marginLeft: theme.spacing(1),
  },
  facts: { display: 'block', wordBreak: 'break-word' },
  notCounted: {
    display: 'block',
    wordBreak: 'break-word',
    color: theme.palette.warning.dark,
  },
}));

/** Further apart than this, when it was received is worth showing. */
const RECEIVED_LATE_MS = 60_000;

function receivedLate(event: TimelineEvent): boolean {
  const gap = Date.parse(event.receivedAt) - Date.parse(event.occurredAt);
  return Math.abs(gap) > RECEIVED_LATE_MS;
}

type Fact = { key: string; text: string } | { key: string; href: string };

/** The readable facts of an event's data: short values as text, http(s) URLs as links. */
function factsOf(data: unknown): Fact[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  const facts: Fact[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value === 'string' && safeUrl(value)) {
      facts.push({ key, href: value });
    } else if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      facts.push({ key, text: `${key}: ${String(value)}` });
    } else if (
      Array.isArray(value) &&
      value.every(v => typeof v === 'string' || typeof v === 'number')
    ) {
      facts.push({ key, text: `${key}: ${value.join(', ')}` });
    }
  }
  return facts;
}

/** The ledger events behind an exception, oldest first, as received. */
export const ExceptionTimeline = ({ events }: { events: TimelineEvent[] }) => {
  const classes = useStyles();
  if (events.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No events recorded for this exception.
      </Typography>
    );
  }
  return (
    <List dense aria-label="Timeline">
      {events.map(event => (
        <ListItem
          key={event.id}
          className={classes.item}
          alignItems="flex-start"
        >
          <ListItemText
            primary={
              <>
                <strong>{event.type}</strong>{' '}
                <Timestamp value={event.occurredAt} />
              </>
            }
            secondary={
              <>
                <span className={classes.facts}>
                  {event.actor ? `by ${event.actor} · ` : ''}via {event.source}
                </span>
                <span className={classes.facts}>
                  Delivered by {describeProvenance(event.provenance)}
                  {receivedLate(event) && (
                    <>
                      {' · received '}
                      <Timestamp value={event.receivedAt} />
                    </>
                  )}
                </span>
                {event.notCounted && (
                  <span className={classes.notCounted} role="note">
                    {event.notCounted}
                  </span>
                )}
                <span className={classes.facts}>
                  {factsOf(event.data).map((fact, i) => (
                    <Fragment key={fact.key}>
                      {i > 0 && <span aria-hidden> · </span>}
                      {'href' in fact ? (
                        <SafeLink href={fact.href}>{fact.key}</SafeLink>
                      ) : (
                        <span>{fact.text}</span>
                      )}
                    </Fragment>
                  ))}
                </span>
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
};
