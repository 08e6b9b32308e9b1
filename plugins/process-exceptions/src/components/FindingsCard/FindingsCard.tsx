import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Finding } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Fragment, useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { processExceptionsApiRef } from '../../api';
import { useActionPermissions } from '../../hooks/useActionPermissions';
import { adviceFor } from '../../utils/findingAdvice';
import { AcknowledgeFindingDialog } from '../AcknowledgeFindingDialog';
import { Timestamp } from '../Timestamp';

const useStyles = makeStyles(theme => ({
  finding: { padding: theme.spacing(2, 0) },
  selected: {
    padding: theme.spacing(2),
    backgroundColor: theme.palette.action.selected,
    borderRadius: theme.shape.borderRadius,
  },
  text: { wordBreak: 'break-word' },
  actions: { marginTop: theme.spacing(1) },
}));

const FindingItem = ({
  finding,
  selected,
  onAcknowledge,
}: {
  finding: Finding;
  selected: boolean;
  onAcknowledge?(finding: Finding): void;
}) => {
  const classes = useStyles();
  const advice = adviceFor(finding.rule);
  const acknowledged = Boolean(finding.acknowledgedAt);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    // A link to this finding (a search result) lands on it.
    if (selected) ref.current?.scrollIntoView?.({ block: 'center' });
  }, [selected]);
  return (
    <article
      ref={ref}
      className={selected ? classes.selected : classes.finding}
      aria-label={advice.title}
      aria-current={selected ? 'true' : undefined}
    >
      <Typography variant="subtitle1" component="h3">
        {advice.title}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        Detected <Timestamp value={finding.detectedAt} />
        {acknowledged && (
          <>
            {' · acknowledged '}
            <Timestamp value={finding.acknowledgedAt} />
            {finding.acknowledgedBy ? ` by ${finding.acknowledgedBy}` : ''}
          </>
        )}
      </Typography>
      <Typography variant="body2" className={classes.text} paragraph>
        {finding.message}
      </Typography>
      {!acknowledged && (
        <Typography variant="body2" className={classes.text}>
          <strong>What to do: </strong>
          {advice.whatToDo}
        </Typography>
      )}
      {!acknowledged && onAcknowledge && (
        <Button
          className={classes.actions}
          size="small"
          color="primary"
          variant="outlined"
          onClick={() => onAcknowledge(finding)}
        >
          Record the missing exception
        </Button>
      )}
    </article>
  );
};

export interface FindingsCardProps {
  entityRef: string;
  /** The finding a link pointed at: marked and scrolled to. */
  selectedId?: string;
  refreshKey?: number;
  /** Called after a finding was acknowledged (an exception was recorded). */
  onChanged?(): void;
}

/** Places where the chain broke without a recorded exception, with what to do about each. */
export const FindingsCard = ({
  entityRef,
  selectedId,
  refreshKey,
  onChanged,
}: FindingsCardProps) => {
  const api = useApi(processExceptionsApiRef);
  const alertApi = useApi(alertApiRef);
  const { canAcknowledge } = useActionPermissions();
  const [acknowledging, setAcknowledging] = useState<Finding>();
  const { value, loading, error } = useAsync(
    () => api.listFindings({ entityRef, limit: 50 }),
    [api, entityRef, refreshKey],
  );

  // Unacknowledged first: they are the ones that need someone.
  const findings = [...(value?.items ?? [])].sort(
    (a, b) =>
      Number(Boolean(a.acknowledgedAt)) - Number(Boolean(b.acknowledgedAt)),
  );

  let content;
  if (loading && !value) content = <Progress />;
  else if (error)
    content = (
      <ResponseErrorPanel title="Could not load the findings" error={error} />
    );
  else if (findings.length === 0)
    content = (
      <Typography variant="body2" color="textSecondary">
        No findings — every break of the chain was recorded as an exception.
      </Typography>
    );
  else
    content = findings.map((finding, i) => (
      <Fragment key={finding.id}>
        {i > 0 && <Divider />}
        <FindingItem
          finding={finding}
          selected={finding.id === selectedId}
          onAcknowledge={canAcknowledge ? setAcknowledging : undefined}
        />
      </Fragment>
    ));

  return (
    <InfoCard
      title="Findings"
      subheader="Where the chain broke without a recorded exception"
    >
      {content}
      <AcknowledgeFindingDialog
        finding={acknowledging}
        onClose={() => setAcknowledging(undefined)}
        onAcknowledged={() => {
          setAcknowledging(undefined);
          alertApi.post({
            message: 'Exception recorded; the finding is acknowledged',
            severity: 'success',
            display: 'transient',
          });
          onChanged?.();
        }}
      />
    </InfoCard>
  );
};
