import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import { CheckResultItem } from './CheckResultItem';
import type { ScorecardRow } from './scorecardRows';
import { useScorecard } from './useScorecard';

const summarize = (rows: ScorecardRow[]): string => {
  const passed = rows.filter(r => r.status === 'passed').length;
  const evaluated = rows.filter(r => r.status !== 'no-data').length;
  if (evaluated === 0)
    return 'No facts have been collected for this entity yet; they appear once the fact retrievers have run.';
  return `${passed} of ${evaluated} checks passed`;
};

/** The Scorecard tab: every Tech Insights check, run on this entity's facts. */
export const ScorecardContent = () => {
  const { entity } = useEntity();
  const {
    value: rows,
    loading,
    error,
  } = useScorecard(getCompoundEntityRef(entity));

  if (loading) return <Progress />;
  if (error)
    return (
      <ResponseErrorPanel
        title="Could not load the Tech Insights checks"
        error={error}
      />
    );
  if (!rows || rows.length === 0)
    return (
      <EmptyState
        missing="info"
        title="No Tech Insights checks"
        description="The tech-insights backend has no checks configured (techInsights.factChecker.checks in app-config.yaml)."
      />
    );
  return (
    <InfoCard title="Scorecard" subheader={summarize(rows)}>
      <List aria-label="Tech Insights checks" disablePadding>
        {rows.map(row => (
          <CheckResultItem key={row.id} row={row} />
        ))}
      </List>
    </InfoCard>
  );
};
