import { formatExact, formatRelative } from '../../utils/formatDuration';
import { useNow } from '../../hooks/useNow';

/** A relative time ("3 h ago") with the exact time in its tooltip. */
export const Timestamp = ({ value }: { value: string | null }) => {
  const now = useNow();
  if (!value) return <span>—</span>;
  return (
    <time dateTime={value} title={formatExact(value)}>
      {formatRelative(value, now)}
    </time>
  );
};
