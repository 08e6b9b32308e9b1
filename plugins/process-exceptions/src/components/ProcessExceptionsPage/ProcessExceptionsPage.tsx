import { Content, Header, Page } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { OperationsContent } from '../OperationsContent';
import { ScorecardContent } from '../ScorecardContent';
import { TrailContent } from '../TrailContent';

/**
 * The plugin's page: the scorecard for team leads, at `trail` the trail of
 * one key, and at `operations` what operators watch (failing maintenance
 * work, unmapped events).
 */
export const ProcessExceptionsPage = () => (
  <Page themeId="tool">
    <Header
      title="Process exceptions"
      subtitle="How well each team names, records and backfills the exceptions it takes"
    />
    <Content>
      <Routes>
        <Route path="/" element={<ScorecardContent />} />
        <Route path="/operations" element={<OperationsContent />} />
        <Route path="/trail" element={<TrailContent />} />
      </Routes>
    </Content>
  </Page>
);
