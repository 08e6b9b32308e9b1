import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { LedgerVerification, processExceptionsApiRef } from '../../api';
import { Timestamp } from '../Timestamp';

const plural = (n: number, one: string) =>
  `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

const Result = ({ result }: { result: LedgerVerification }) => (
  <Box role="status">
    {result.mismatch ? (
      <Typography color="error">
        {`Not verified at chain position ${result.mismatch.position} (${result.mismatch.problem}): ${result.mismatch.message}`}
      </Typography>
    ) : (
      <Typography>
        {`Verified: ${plural(
          result.sealedEvents,
          'sealed event',
        )} match their seals and signed heads.`}
      </Typography>
    )}
    {result.head && (
      <Typography variant="body2" color="textSecondary">
        {`Head: position ${result.head.position}, seal ${result.head.seal.slice(
          0,
          12,
        )}…, signed `}
        <Timestamp value={result.head.signedAt} />
      </Typography>
    )}
    {result.unsealedEvents > 0 && (
      <Typography variant="body2" color="textSecondary">
        {`${plural(
          result.unsealedEvents,
          'event',
        )} not sealed yet: the next maintenance run seals them.`}
      </Typography>
    )}
  </Box>
);

/**
 * For operators: walks the ledger's hash chain on request (it reads every
 * sealed event, so it does not run on every visit).
 */
export const LedgerSealsCard = () => {
  const api = useApi(processExceptionsApiRef);
  const [state, verify] = useAsyncFn(() => api.verifyLedger(), [api]);
  return (
    <InfoCard
      title="The ledger's seals"
      subheader="Walks the hash chain and reports the first event that no longer matches its seal"
    >
      <Box display="flex" flexDirection="column" gridGap={16}>
        <Box>
          <Button
            variant="outlined"
            color="primary"
            disabled={state.loading}
            onClick={() => verify()}
          >
            {state.loading ? 'Verifying…' : 'Verify the ledger'}
          </Button>
        </Box>
        {state.error && (
          <ResponseErrorPanel
            title="Could not verify the ledger"
            error={state.error}
          />
        )}
        {state.value && <Result result={state.value} />}
      </Box>
    </InfoCard>
  );
};
