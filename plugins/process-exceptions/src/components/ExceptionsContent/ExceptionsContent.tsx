import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import AddIcon from '@material-ui/icons/Add';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useActionPermissions } from '../../hooks/useActionPermissions';
import { EXCEPTION_PARAM, FINDING_PARAM } from '../../routes';
import { ExceptionDetailDrawer } from '../ExceptionDetailDrawer';
import { ExceptionsTable } from '../ExceptionsTable';
import { FindingsCard } from '../FindingsCard';
import { RecordExceptionDialog } from '../RecordExceptionDialog';
import { SummaryStrip } from '../SummaryStrip';
import { TrailSearch } from '../TrailSearch';
import { useTrailLink } from '../../hooks/useTrailLink';

/** The Exceptions tab of a component's entity page. */
export const ExceptionsContent = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const alertApi = useApi(alertApiRef);
  const { canRecord } = useActionPermissions();
  const [searchParams, setSearchParams] = useSearchParams();
  const [recording, setRecording] = useState(false);
  // One counter reloads every part after an action changed the data.
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey(k => k + 1), []);
  const trailLink = useTrailLink();

  const selectedId = searchParams.get(EXCEPTION_PARAM) ?? undefined;
  const select = (id: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (id) next.set(EXCEPTION_PARAM, id);
    else next.delete(EXCEPTION_PARAM);
    setSearchParams(next, { replace: true });
  };

  const recordButton = canRecord ? (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setRecording(true)}
    >
      Record exception
    </Button>
  ) : undefined;

  return (
    <>
      <Grid container spacing={3} direction="column">
        <Grid item>
          <TrailSearch linkTo={trailLink} />
        </Grid>
        <Grid item>
          <SummaryStrip entityRef={entityRef} refreshKey={refreshKey} />
        </Grid>
        <Grid item>
          <ExceptionsTable
            entityRef={entityRef}
            refreshKey={refreshKey}
            onSelect={select}
            action={recordButton}
          />
        </Grid>
        <Grid item>
          <FindingsCard
            entityRef={entityRef}
            selectedId={searchParams.get(FINDING_PARAM) ?? undefined}
            refreshKey={refreshKey}
            onChanged={refresh}
          />
        </Grid>
      </Grid>
      <ExceptionDetailDrawer
        exceptionId={selectedId}
        onClose={() => select(undefined)}
        onChanged={refresh}
      />
      {canRecord && (
        <RecordExceptionDialog
          open={recording}
          entityRef={entityRef}
          onClose={() => setRecording(false)}
          onRecorded={exception => {
            setRecording(false);
            alertApi.post({
              message: `Recorded: ${exception.name}`,
              severity: 'success',
              display: 'transient',
            });
            refresh();
          }}
        />
      )}
    </>
  );
};
