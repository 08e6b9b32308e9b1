import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { EXCEPTION_KINDS } from '@process-exceptions/backstage-plugin-process-exceptions-common';
// recharts: the React charting library other Backstage plugins (cost-insights
// among them) already use, so apps likely ship it already; it draws SVG, which
// themes and prints well, and composes bars and lines in one chart.
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { TrendWeek } from '../../api';
import { KIND_LABELS } from '../../utils/labels';
import { kindColor } from '../KindLabel';

const RATE_LABEL = 'On-time backfill rate';

const weekLabel = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
  });

export interface TrendChartProps {
  weeks: TrendWeek[];
  height?: number;
}

/** Exceptions opened per week by kind (stacked bars) and the on-time backfill rate (line). */
export const TrendChart = ({ weeks, height = 320 }: TrendChartProps) => {
  const theme = useTheme();
  if (weeks.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No weeks to show yet.
      </Typography>
    );
  }
  const data = weeks.map(week => ({
    week: weekLabel(week.weekStart),
    ...week.opened,
    rate: week.onTimeRate === null ? null : Math.round(week.onTimeRate * 100),
  }));
  return (
    <div
      role="img"
      aria-label={`Exceptions opened per week by kind, and the ${RATE_LABEL.toLowerCase()}, over ${
        weeks.length
      } weeks`}
    >
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
          <XAxis dataKey="week" stroke={theme.palette.text.secondary} />
          <YAxis
            yAxisId="count"
            allowDecimals={false}
            stroke={theme.palette.text.secondary}
            label={{
              value: 'Opened',
              angle: -90,
              position: 'insideLeft',
              fill: theme.palette.text.secondary,
            }}
          />
          <YAxis
            yAxisId="rate"
            orientation="right"
            domain={[0, 100]}
            unit="%"
            stroke={theme.palette.text.secondary}
          />
          <Tooltip
            contentStyle={{
              background: theme.palette.background.paper,
              color: theme.palette.text.primary,
            }}
          />
          <Legend />
          {EXCEPTION_KINDS.map(kind => (
            <Bar
              key={kind}
              yAxisId="count"
              dataKey={kind}
              name={KIND_LABELS[kind]}
              stackId="opened"
              fill={kindColor(theme, kind)}
              isAnimationActive={false}
            />
          ))}
          <Line
            yAxisId="rate"
            type="monotone"
            dataKey="rate"
            name={RATE_LABEL}
            unit="%"
            stroke={theme.palette.success.main}
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
};
