import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import { FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { TRAIL_KEYS, TrailParam } from '../../utils/trailKeys';

const useStyles = makeStyles(theme => ({
  form: { display: 'flex', gap: theme.spacing(1), alignItems: 'center' },
  value: { minWidth: 260 },
}));

/**
 * Where a postmortem starts: a commit, a deployment, an incident, a flag or
 * a story; submitting opens that key's trail.
 */
export const TrailSearch = (props: {
  /** Builds the trail's link; the search is hidden without one. */
  linkTo: ((param: TrailParam, value: string) => string) | undefined;
  initial?: { param: TrailParam; value: string };
}) => {
  const classes = useStyles();
  const navigate = useNavigate();
  const [param, setParam] = useState<TrailParam>(
    props.initial?.param ?? 'changeId',
  );
  const [value, setValue] = useState(props.initial?.value ?? '');
  const { linkTo } = props;
  if (!linkTo) return null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) navigate(linkTo(param, value.trim()));
  };
  return (
    <form className={classes.form} onSubmit={submit} role="search">
      <TextField
        select
        id="trail-key"
        label="Trail of"
        value={param}
        size="small"
        variant="outlined"
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={e => setParam(e.target.value as TrailParam)}
      >
        {TRAIL_KEYS.map(k => (
          <option key={k.param} value={k.param}>
            {k.label}
          </option>
        ))}
      </TextField>
      <TextField
        id="trail-value"
        className={classes.value}
        label="Id"
        placeholder="a commit SHA, INC-117, ST-311…"
        value={value}
        size="small"
        variant="outlined"
        InputLabelProps={{ shrink: true }}
        onChange={e => setValue(e.target.value)}
      />
      <Button type="submit" variant="contained" color="primary">
        Follow the trail
      </Button>
    </form>
  );
};
