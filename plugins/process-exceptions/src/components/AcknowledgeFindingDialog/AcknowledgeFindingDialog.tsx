import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { Finding } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { FormEvent, useState } from 'react';
import { AcknowledgeFindingResult, processExceptionsApiRef } from '../../api';
import { errorMessage } from '../../utils/errorMessage';

export interface AcknowledgeFindingDialogProps {
  /** The finding to acknowledge; the dialog is open while it is set. */
  finding: Finding | undefined;
  onClose(): void;
  onAcknowledged(result: AcknowledgeFindingResult): void;
}

/** Acknowledges a finding by recording the exception nobody recorded at the time. */
export const AcknowledgeFindingDialog = ({
  finding,
  onClose,
  onAcknowledged,
}: AcknowledgeFindingDialogProps) => {
  const api = useApi(processExceptionsApiRef);
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string>();

  const reset = () => {
    setName('');
    setReason('');
    setSubmitted(false);
    setFailure(undefined);
  };
  const close = () => {
    reset();
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!finding || !name.trim() || !reason.trim()) return;
    setSubmitting(true);
    setFailure(undefined);
    try {
      const result = await api.acknowledgeFinding({
        findingId: finding.id,
        name: name.trim(),
        reason: reason.trim(),
      });
      reset();
      onAcknowledged(result);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={Boolean(finding)}
      onClose={close}
      aria-labelledby="acknowledge-finding-title"
      fullWidth
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="acknowledge-finding-title">
          Record the missing exception
        </DialogTitle>
        <DialogContent>
          <DialogContentText>{finding?.message}</DialogContentText>
          <TextField
            fullWidth
            required
            margin="dense"
            id="acknowledge-finding-name"
            label="Name"
            value={name}
            onChange={e => setName(e.target.value)}
            error={submitted && !name.trim()}
            helperText={
              submitted && !name.trim()
                ? 'Name the exception'
                : 'e.g. Hotfix for INC-123 (recorded afterwards)'
            }
            inputProps={{ maxLength: 255 }}
          />
          <TextField
            fullWidth
            required
            multiline
            minRows={2}
            margin="dense"
            id="acknowledge-finding-reason"
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            error={submitted && !reason.trim()}
            helperText={
              submitted && !reason.trim()
                ? 'Say why the rule was broken'
                : 'Why the rule was broken, and why it was not recorded then'
            }
            inputProps={{ maxLength: 2000 }}
          />
          {failure && (
            <Alert severity="error" role="alert">
              {failure}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting}
          >
            Record exception
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
