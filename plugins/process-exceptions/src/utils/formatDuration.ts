const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A short human duration: `less than 1 min`, `12 min`, `5 h`, `2 d`.
 * Rounds down, so "due in 5 h" never promises more time than there is.
 * Hours are kept up to two days because backfill deadlines are counted in hours.
 */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return 'less than 1 min';
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`;
  if (abs < 2 * DAY) return `${Math.floor(abs / HOUR)} h`;
  return `${Math.floor(abs / DAY)} d`;
}

/** `3 h ago` for the past, `in 3 h` for the future. */
export function formatRelative(iso: string, now: number): string {
  const diff = new Date(iso).getTime() - now;
  if (Number.isNaN(diff)) return 'unknown';
  return diff <= 0
    ? `${formatDuration(diff)} ago`
    : `in ${formatDuration(diff)}`;
}

/** Hours as the larger sensible unit: `36 h`, `3.5 d`. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round((hours / 24) * 10) / 10} d`;
}

/** An exact local time, for titles and tooltips. */
export function formatExact(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
