import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ExceptionStatus,
  ProcessExceptionSearchDocument,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { ReactNode } from 'react';
import { KindLabel } from '../KindLabel';
import { StatusLabel } from '../StatusLabel';

const useStyles = makeStyles(
  theme => ({
    item: { display: 'flex' },
    content: { flexWrap: 'wrap', minWidth: 0 },
    text: { width: '100%', wordBreak: 'break-word', marginBottom: '0.5rem' },
    labels: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(1),
    },
  }),
  { name: 'ProcessExceptionSearchResultListItem' },
);

/** Props of {@link ProcessExceptionSearchResultListItem}. @public */
export interface ProcessExceptionSearchResultListItemProps {
  /** A `process-exception` document, as the search backend answers it. */
  result?: SearchDocument;
  /** Where the engine found the search terms. */
  highlight?: ResultHighlight;
  /** The result's place among the results. */
  rank?: number;
  /** Shown before the result. */
  icon?: ReactNode;
  /** Lines of the text to show; all by default. */
  lineClamp?: number;
}

/** A field with the search terms marked, when the engine marked them. */
const Marked = ({
  field,
  value,
  highlight,
}: {
  field: string;
  value: string;
  highlight?: ResultHighlight;
}) => {
  const marked = highlight?.fields[field];
  return highlight && marked ? (
    <HighlightedSearchResultText
      text={marked}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    <>{value}</>
  );
};

const refLabel = (ref: string, defaultKind: string) => {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref; // not a ref this version can read: show it as it is
  }
};

/**
 * One exception or finding among search results: its title and text with
 * the search terms marked, its kind and status, its service and owner, and
 * the keys it carries (incident, changes, flag, story).
 *
 * @public
 */
export const ProcessExceptionSearchResultListItem = (
  props: ProcessExceptionSearchResultListItemProps,
) => {
  const classes = useStyles();
  const { highlight, icon, lineClamp } = props;
  // The page hands this item only documents its predicate accepted.
  const result = props.result as ProcessExceptionSearchDocument | undefined;
  if (!result) return null;

  const keys = (
    [
      ['incident', 'Incident'],
      ['changes', 'Changes'],
      ['flag', 'Flag'],
      ['story', 'Story'],
    ] as const
  ).filter(([field]) => result[field]);

  return (
    <div className={classes.item}>
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <div className={classes.content}>
        <ListItemText
          className={classes.text}
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              <Marked
                field="title"
                value={result.title}
                highlight={highlight}
              />
            </Link>
          }
          secondary={
            <Typography
              component="span"
              variant="body2"
              color="textSecondary"
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: lineClamp,
                overflow: 'hidden',
              }}
            >
              <Marked field="text" value={result.text} highlight={highlight} />
            </Typography>
          }
        />
        <Box className={classes.labels}>
          {result.record === 'finding' ? (
            <>
              <Chip size="small" label="Finding" />
              <Typography variant="body2" component="span">
                {result.status === 'acknowledged'
                  ? 'Acknowledged'
                  : 'Not acknowledged'}
              </Typography>
            </>
          ) : (
            <>
              <KindLabel kind={result.kind} />
              <StatusLabel
                status={result.status as ExceptionStatus}
                backfilledOnTime={null}
              />
            </>
          )}
          <Chip
            size="small"
            label={`Service: ${refLabel(result.entityRef, 'component')}`}
          />
          {result.owner && (
            <Chip
              size="small"
              label={`Owner: ${refLabel(result.owner, 'group')}`}
            />
          )}
          {keys.map(([field, label]) => (
            <Chip
              key={field}
              size="small"
              variant="outlined"
              label={
                <>
                  {label}:{' '}
                  <Marked
                    field={field}
                    value={result[field] ?? ''}
                    highlight={highlight}
                  />
                </>
              }
            />
          ))}
        </Box>
      </div>
    </div>
  );
};
