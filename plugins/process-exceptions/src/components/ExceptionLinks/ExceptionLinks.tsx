import { Link } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { ExceptionLinks as Links } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { safeUrl } from '../../utils/safeUrl';
import { SafeLink } from '../SafeLink';
import { TrailParam } from '../../utils/trailKeys';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 1.5),
  },
  item: { whiteSpace: 'nowrap' },
  icon: { fontSize: '1em', verticalAlign: 'middle', marginLeft: 2 },
}));

type Item = {
  key: string;
  label: string;
  href: unknown;
  param: TrailParam;
  /** Where the sender shows it, when the ledger gave a URL. */
  senderUrl?: unknown;
};

/** The icon that opens a key at its sender, for a safe URL only. */
const AtSender = ({ label, url }: { label: string; url: unknown }) => {
  const classes = useStyles();
  if (!safeUrl(url)) return null;
  return (
    <SafeLink href={url}>
      <OpenInNewIcon
        className={classes.icon}
        titleAccess={`Open ${label} at the sender`}
      />
    </SafeLink>
  );
};

/** One key: its trail with the sender's URL beside it, the URL, or text. */
const LinkValue = ({
  item: { label, href, param, senderUrl },
  trailLink,
}: {
  item: Item;
  trailLink?: (param: TrailParam, value: string) => string;
}) => {
  const atSender = senderUrl ?? href;
  if (trailLink && typeof href === 'string') {
    return (
      <>
        <Link to={trailLink(param, href)} title={`The trail of ${href}`}>
          {`${label}: ${href}`}
        </Link>
        <AtSender label={label} url={atSender} />
      </>
    );
  }
  if (safeUrl(href)) return <SafeLink href={href}>{label}</SafeLink>;
  // not a URL (an incident id, or something hostile): still worth reading, as text
  return (
    <>
      {`${label}: ${String(href)}`}
      <AtSender label={label} url={senderUrl} />
    </>
  );
};

/**
 * The links of an exception: incident, changes (PRs), flag, story, deployment.
 * Values that are not http(s) URLs (an incident id, or something hostile) are
 * shown as text. With `trailLink`, each value opens its trail. A key the
 * ledger has the sender's URL of (`links.urls`), or one that is a URL, also
 * gets an icon opening it at the sender.
 */
export const ExceptionLinks = ({
  links,
  trailLink,
}: {
  links: Links | undefined;
  trailLink?: (param: TrailParam, value: string) => string;
}) => {
  const classes = useStyles();
  const urls = links?.urls;
  const items: Item[] = [];
  if (links?.incident)
    items.push({
      key: 'incident',
      label: 'Incident',
      href: links.incident,
      param: 'incidentId',
      senderUrl: urls?.incident,
    });
  const changes: unknown[] = Array.isArray(links?.changes)
    ? links?.changes ?? []
    : [];
  changes.forEach((change, i) =>
    items.push({
      key: `change-${i}`,
      label: changes.length > 1 ? `PR ${i + 1}` : 'PR',
      href: change,
      param: 'changeId',
      senderUrl:
        typeof change === 'string' ? urls?.changes?.[change] : undefined,
    }),
  );
  if (links?.flag)
    items.push({
      key: 'flag',
      label: 'Flag',
      href: links.flag,
      param: 'flagKey',
      senderUrl: urls?.flag,
    });
  if (links?.story)
    items.push({
      key: 'story',
      label: 'Story',
      href: links.story,
      param: 'storyId',
      senderUrl: urls?.story,
    });
  if (links?.deployment)
    items.push({
      key: 'deployment',
      label: 'Deployment',
      href: links.deployment,
      param: 'deploymentId',
      senderUrl: urls?.deployment,
    });
  if (items.length === 0) return <span>—</span>;

  return (
    <span className={classes.root}>
      {items.map(item => (
        <span key={item.key} className={classes.item}>
          <LinkValue item={item} trailLink={trailLink} />
        </span>
      ))}
    </span>
  );
};
