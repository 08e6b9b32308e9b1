import {
  EntityOverdueBackfillsCard,
  EntityProcessExceptionsContent,
  ProcessExceptionsPage,
  processExceptionsPlugin,
} from './plugin';
import { processExceptionsApiRef } from './api';

describe('process-exceptions (legacy frontend system)', () => {
  it('registers the client for the API', () => {
    expect(processExceptionsPlugin.getId()).toBe('process-exceptions');
    expect(
      [...processExceptionsPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual([processExceptionsApiRef.id]);
  });

  it('exports its extensions', () => {
    expect(EntityProcessExceptionsContent).toBeDefined();
    expect(EntityOverdueBackfillsCard).toBeDefined();
    expect(ProcessExceptionsPage).toBeDefined();
  });
});
