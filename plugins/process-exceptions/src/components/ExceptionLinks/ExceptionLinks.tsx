import { makeStyles } from '@material-ui/core/styles';
import { ExceptionLinks as Links } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { safeUrl } from '../../utils/safeUrl';
import { SafeLink } from '../SafeLink';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 1.5),
  },
  item: { whiteSpace: 'nowrap' },
}));

/**
 * The links of an exception: incident, changes (PRs), flag, story, deployment.
 * Values that are not http(s) URLs (an incident id, or something hostile) are shown as text.
 */
export const ExceptionLinks = ({ links }: { links: Links | undefined }) => {
  const classes = useStyles();
  const items: Array<{ key: string; label: string; href: unknown }> = [];
  if (links?.incident)
    items.push({ key: 'incident', label: 'Incident', href: links.incident });
  const changes: unknown[] = Array.isArray(links?.changes)
    ? links?.changes ?? []
    : [];
  changes.forEach((change, i) =>
    items.push({
      key: `change-${i}`,
      label: changes.length > 1 ? `PR ${i + 1}` : 'PR',
      href: change,
    }),
  );
  if (links?.flag) items.push({ key: 'flag', label: 'Flag', href: links.flag });
  if (links?.story)
    items.push({ key: 'story', label: 'Story', href: links.story });
  if (links?.deployment)
    items.push({
      key: 'deployment',
      label: 'Deployment',
      href: links.deployment,
    });
  if (items.length === 0) return <span>—</span>;

  return (
    <span className={classes.root}>
      {items.map(({ key, label, href }) => (
        <span key={key} className={classes.item}>
          {safeUrl(href) ? (
            <SafeLink href={href}>{label}</SafeLink>
          ) : (
            // not a URL (an incident id, or something hostile): still worth reading, as text
            `${label}: ${String(href)}`
          )}
        </span>
      ))}
    </span>
  );
};
