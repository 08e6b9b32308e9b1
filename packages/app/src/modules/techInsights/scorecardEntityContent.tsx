import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The Scorecard tab on component pages, at `…/tech-insights`, the path the
 * community Tech Insights frontend uses too.
 */
export const scorecardEntityContent = EntityContentBlueprint.make({
  name: 'tech-insights-scorecard',
  params: {
    path: 'tech-insights',
    title: 'Scorecard',
    filter: 'kind:component',
    loader: () =>
      import('./ScorecardContent').then(m => <m.ScorecardContent />),
  },
});
