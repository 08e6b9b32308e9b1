import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useState } from 'react';
import { processExceptionsApiRef } from '../../api';
import { errorMessage } from '../../utils/errorMessage';

const DAY_MS = 24 * 3600 * 1000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Saves a file the browser holds, under `filename`. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export interface EvidenceDialogProps {
  open: boolean;
  onClose(): void;
  /** The teams to choose from, as owner refs with their names. */
  teams: Array<{ ref: string; name: string }>;
}

/**
 * The evidence an auditor asks for: every exception, task and finding of a
 * period, for the organisation or one team, as a CSV or JSON file.
 */
export const EvidenceDialog = ({
  open,
  onClose,
  teams,
}: EvidenceDialogProps) => {
  const api = useApi(processExceptionsApiRef);
  const [from, setFrom] = useState(dayOf(Date.now() - 90 * DAY_MS));
  const [to, setTo] = useState(dayOf(Date.now()));
  const [owner, setOwner] = useState('');
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      const file = await api.downloadEvidence({
        from,
        to,
        owner: owner || undefined,
        format,
      });
      save(file.blob, file.filename);
      onClose();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="evidence-dialog-title"
    >
      <form onSubmit={submit}>
        <DialogTitle id="evidence-dialog-title">Download evidence</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Every exception opened and every finding detected in the period,
            with each backfill task's closure: who, when, with what evidence,
            delivered by whom.
          </DialogContentText>
          <Grid container spacing={2}>
            <Grid item xs={6}>
              <TextField
                id="evidence-from"
                label="From"
                type="date"
                value={from}
                fullWidth
                required
                InputLabelProps={{ shrink: true }}
                onChange={ev => setFrom(ev.target.value)}
              />
            </Grid>
            <Grid item xs={6}>
              <TextField
                id="evidence-to"
                label="To (included)"
                type="date"
                value={to}
                fullWidth
                required
                InputLabelProps={{ shrink: true }}
                onChange={ev => setTo(ev.target.value)}
              />
            </Grid>
            <Grid item xs={8}>
              <TextField
                select
                id="evidence-team"
                label="Team"
                value={owner}
                fullWidth
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
                onChange={ev => setOwner(ev.target.value)}
              >
                <option value="">Whole organisation</option>
                {teams.map(t => (
                  <option key={t.ref} value={t.ref}>
                    {t.name}
                  </option>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={4}>
              <TextField
                select
                id="evidence-format"
                label="Format"
                value={format}
                fullWidth
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
                onChange={ev => setFormat(ev.target.value as 'csv' | 'json')}
              >
                <option value="csv">CSV (spreadsheets)</option>
                <option value="json">JSON</option>
              </TextField>
            </Grid>
          </Grid>
          {failure && <Alert severity="error">{failure}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy}
          >
            Download
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
