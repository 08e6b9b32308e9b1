import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import plugin, { processExceptionsPage } from './alpha';

describe('process-exceptions (new frontend system)', () => {
  it('provides the API, the entity tab, the overview card and the page', () => {
    expect(plugin.pluginId).toBe('process-exceptions');
    expect(plugin.getExtension('api:process-exceptions')).toBeDefined();
    expect(
      plugin.getExtension('entity-content:process-exceptions/exceptions'),
    ).toBeDefined();
    expect(
      plugin.getExtension('entity-card:process-exceptions/overdue-backfills'),
    ).toBeDefined();
    expect(plugin.getExtension('page:process-exceptions')).toBeDefined();
  });

  it('shows its search results on the search page, under their own result type', () => {
    expect(
      plugin.getExtension('search-result-list-item:process-exceptions'),
    ).toBeDefined();
    expect(
      plugin.getExtension('search-filter-result-type:process-exceptions'),
    ).toBeDefined();
  });

  it('mounts the page at /process-exceptions with its nav title', () => {
    const tester = createExtensionTester(processExceptionsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/process-exceptions');
    expect(tester.get(coreExtensionData.title)).toBe('Process exceptions');
  });
});
