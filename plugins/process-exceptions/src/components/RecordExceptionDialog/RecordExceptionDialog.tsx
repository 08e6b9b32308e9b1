import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import DeleteIcon from '@material-ui/icons/Delete';
import Alert from '@material-ui/lab/Alert';
import {
  EXCEPTION_KINDS,
  ExceptionKind,
  ExceptionLinks,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { FormEvent, useState } from 'react';
import { processExceptionsApiRef } from '../../api';
import { errorMessage } from '../../utils/errorMessage';
import { KIND_LABELS } from '../../utils/labels';

const useStyles = makeStyles(theme => ({
  gap: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'flex-start',
  },
  gapKey: { flex: '0 0 30%' },
  links: {
    display: 'grid',
    gridTemplateColumns: '1fr 1fr',
    gap: theme.spacing(0, 2),
  },
}));

interface Gap {
  key: string;
  description: string;
}

interface FormState {
  kind: ExceptionKind;
  name: string;
  reason: string;
  incident: string;
  changes: string;
  flag: string;
  story: string;
  gaps: Gap[];
}

const EMPTY: FormState = {
  kind: 'hotfix',
  name: '',
  reason: '',
  incident: '',
  changes: '',
  flag: '',
  story: '',
  gaps: [{ key: '', description: '' }],
};

type Errors = Partial<Record<'name' | 'reason' | 'gaps', string>>;

function validate(form: FormState): Errors {
  const errors: Errors = {};
  if (!form.name.trim()) errors.name = 'Name the exception';
  if (!form.reason.trim()) errors.reason = 'Say why the rule had to be broken';
  if (form.kind === 'partial-readiness') {
    const gaps = form.gaps.filter(g => g.key.trim() || g.description.trim());
    const keys = gaps.map(g => g.key.trim());
    if (gaps.length === 0) {
      errors.gaps = 'Name at least one gap';
    } else if (gaps.some(g => !g.key.trim() || !g.description.trim())) {
      errors.gaps = 'Every gap needs a key and a description';
    } else if (new Set(keys).size !== keys.length) {
      errors.gaps = 'Gap keys must be different';
    }
  }
  return errors;
}

function linksOf(form: FormState): ExceptionLinks | undefined {
  const links: ExceptionLinks = {};
  if (form.incident.trim()) links.incident = form.incident.trim();
  const changes = form.changes
    .split(/[\s,]+/)
    .map(c => c.trim())
    .filter(Boolean);
  if (changes.length) links.changes = changes;
  if (form.flag.trim()) links.flag = form.flag.trim();
  if (form.story.trim()) links.story = form.story.trim();
  return Object.keys(links).length ? links : undefined;
}

export interface RecordExceptionDialogProps {
  open: boolean;
  entityRef: string;
  onClose(): void;
  onRecorded(exception: ProcessException): void;
}

/** Records an exception by hand: a sanctioned break of the chain that no event announced. */
export const RecordExceptionDialog = ({
  open,
  entityRef,
  onClose,
  onRecorded,
}: RecordExceptionDialogProps) => {
  const classes = useStyles();
  const api = useApi(processExceptionsApiRef);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string>();

  const errors = submitted ? validate(form) : {};
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm(prev => ({ ...prev, [key]: value }));
  const setGap = (index: number, gap: Partial<Gap>) =>
    set(
      'gaps',
      form.gaps.map((g, i) => (i === index ? { ...g, ...gap } : g)),
    );

  const close = () => {
    setForm(EMPTY);
    setSubmitted(false);
    setFailure(undefined);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(validate(form)).length > 0) return;
    setSubmitting(true);
    setFailure(undefined);
    try {
      const exception = await api.recordException({
        entityRef,
        kind: form.kind,
        name: form.name.trim(),
        reason: form.reason.trim(),
        links: linksOf(form),
        ...(form.kind === 'partial-readiness' && {
          gaps: form.gaps
            .filter(g => g.key.trim())
            .map(g => ({
              key: g.key.trim(),
              description: g.description.trim(),
            })),
        }),
      });
      setForm(EMPTY);
      setSubmitted(false);
      onRecorded(exception);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="record-exception-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="record-exception-title">
          Record an exception
        </DialogTitle>
        <DialogContent>
          <TextField
            select
            fullWidth
            margin="dense"
            id="record-exception-kind"
            label="Kind"
            value={form.kind}
            SelectProps={{ native: true }}
            onChange={e => set('kind', e.target.value as ExceptionKind)}
          >
            {EXCEPTION_KINDS.map(k => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </TextField>
          <TextField
            fullWidth
            required
            margin="dense"
            id="record-exception-name"
            label="Name"
            value={form.name}
            onChange={e => set('name', e.target.value)}
            error={Boolean(errors.name)}
            helperText={errors.name ?? 'e.g. Hotfix for INC-123: checkout 500s'}
            inputProps={{ maxLength: 255 }}
          />
          <TextField
            fullWidth
            required
            multiline
            minRows={2}
            margin="dense"
            id="record-exception-reason"
            label="Reason"
            value={form.reason}
            onChange={e => set('reason', e.target.value)}
            error={Boolean(errors.reason)}
            helperText={
              errors.reason ?? 'Why the normal rule could not be followed'
            }
            inputProps={{ maxLength: 2000 }}
          />
          <Box className={classes.links}>
            <TextField
              margin="dense"
              id="record-exception-incident"
              label="Incident"
              value={form.incident}
              onChange={e => set('incident', e.target.value)}
            />
            <TextField
              margin="dense"
              id="record-exception-changes"
              label="Changes (PR links)"
              helperText="Separate several with spaces"
              value={form.changes}
              onChange={e => set('changes', e.target.value)}
            />
            <TextField
              margin="dense"
              id="record-exception-flag"
              label="Flag"
              value={form.flag}
              onChange={e => set('flag', e.target.value)}
            />
            <TextField
              margin="dense"
              id="record-exception-story"
              label="Story"
              value={form.story}
              onChange={e => set('story', e.target.value)}
            />
          </Box>
          {form.kind === 'partial-readiness' && (
            <Box mt={2}>
              <Typography variant="subtitle2">Named gaps</Typography>
              <Typography variant="body2" color="textSecondary">
                Each gap becomes a task that blocks the merge until it is
                filled.
              </Typography>
              {form.gaps.map((gap, index) => (
                <Box className={classes.gap} key={index}>
                  <TextField
                    className={classes.gapKey}
                    margin="dense"
                    id={`record-exception-gap-${index}-key`}
                    label={`Gap ${index + 1} key`}
                    placeholder="copy"
                    value={gap.key}
                    onChange={e => setGap(index, { key: e.target.value })}
                  />
                  <TextField
                    fullWidth
                    margin="dense"
                    id={`record-exception-gap-${index}-description`}
                    label={`Gap ${index + 1} description`}
                    placeholder="Final UI copy from the designer"
                    value={gap.description}
                    onChange={e =>
                      setGap(index, { description: e.target.value })
                    }
                  />
                  <IconButton
                    aria-label={`Remove gap ${index + 1}`}
                    disabled={form.gaps.length === 1}
                    onClick={() =>
                      set(
                        'gaps',
                        form.gaps.filter((_, i) => i !== index),
                      )
                    }
                  >
                    <DeleteIcon />
                  </IconButton>
                </Box>
              ))}
              <Button
                size="small"
                onClick={() =>
                  set('gaps', [...form.gaps, { key: '', description: '' }])
                }
              >
                Add gap
              </Button>
              {errors.gaps && (
                <Typography variant="body2" color="error" role="alert">
                  {errors.gaps}
                </Typography>
              )}
            </Box>
          )}
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
            Record
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
