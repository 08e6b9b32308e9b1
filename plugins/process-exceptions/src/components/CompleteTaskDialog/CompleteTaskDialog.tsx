import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  BackfillTask,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { FormEvent, useState } from 'react';
import { processExceptionsApiRef } from '../../api';
import { errorMessage } from '../../utils/errorMessage';
import { isHttpUrl } from '../../utils/safeUrl';

export interface CompleteTaskDialogProps {
  exceptionId: string;
  /** The task to complete; the dialog is open while it is set. */
  task: BackfillTask | undefined;
  onClose(): void;
  onCompleted(exception: ProcessException): void;
}

/** Asks for the evidence link (the review, the test, the verification) and marks the task done. */
export const CompleteTaskDialog = ({
  exceptionId,
  task,
  onClose,
  onCompleted,
}: CompleteTaskDialogProps) => {
  const api = useApi(processExceptionsApiRef);
  const [evidenceUrl, setEvidenceUrl] = useState('');
  const [touched, setTouched] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string>();

  const valid = isHttpUrl(evidenceUrl);
  const close = () => {
    setEvidenceUrl('');
    setTouched(false);
    setFailure(undefined);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!task || !valid) return;
    setSubmitting(true);
    setFailure(undefined);
    try {
      const updated = await api.completeTask({
        exceptionId,
        taskKey: task.key,
        evidenceUrl: evidenceUrl.trim(),
      });
      setEvidenceUrl('');
      setTouched(false);
      onCompleted(updated);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={Boolean(task)}
      onClose={close}
      aria-labelledby="complete-task-title"
      fullWidth
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="complete-task-title">Mark task done</DialogTitle>
        <DialogContent>
          <DialogContentText>{task?.title}</DialogContentText>
          <TextField
            fullWidth
            required
            id="complete-task-evidence-url"
            label="Evidence link"
            placeholder="https://github.com/org/repo/pull/123"
            value={evidenceUrl}
            onChange={e => setEvidenceUrl(e.target.value)}
            onBlur={() => setTouched(true)}
            error={touched && !valid}
            helperText={
              touched && !valid
                ? 'Enter an http(s) link to the evidence'
                : 'The review, test, check or verification that proves the task is done'
            }
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
            Mark done
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
