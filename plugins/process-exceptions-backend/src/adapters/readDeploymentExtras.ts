import { EventDataByType } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { PayloadReader } from './PayloadReader';
import { AdapterInputError } from './types';

type DeploymentData = EventDataByType['deployment.finished'];

/**
 * What the handbook needs of a deployment that neither CDEvents nor GitHub
 * has a field for. Both carry free-form data beside the event (CDEvents
 * `customData`, GitHub `deployment.payload`), and both use these same keys,
 * so a pipeline learns one vocabulary:
 *
 * `labels` (string[]), `incidentId`, `viaPipeline` (boolean), `changeIds`
 * (string[]), `fixes` ({ exceptionId, incidentId, flagKey }), `name`,
 * `reason`, `pipelineRunUrl`.
 */
export function readDeploymentExtras(
  extra: PayloadReader,
): Omit<DeploymentData, 'deploymentId' | 'environment' | 'outcome'> {
  const fixes = extra.child('fixes');
  if (fixes.raw !== undefined && fixes.raw !== null && !fixes.isObject) {
    throw new AdapterInputError(`${extra.nameOf('fixes')} must be an object`);
  }
  const fix = Object.fromEntries(
    Object.entries({
      exceptionId: fixes.optionalId('exceptionId'),
      incidentId: fixes.optionalId('incidentId'),
      flagKey: fixes.optionalString('flagKey'),
    }).filter(([, v]) => v !== undefined),
  ) as DeploymentData['fixes'];
  const hasFix = Object.keys(fix!).length > 0;
  return {
    labels: extra.optionalStringArray('labels'),
    incidentId: extra.optionalId('incidentId'),
    viaPipeline: extra.optionalBoolean('viaPipeline'),
    changeIds: extra.optionalStringArray('changeIds'),
    fixes: hasFix ? fix : undefined,
    name: extra.optionalString('name'),
    reason: extra.optionalString('reason'),
    pipelineRunUrl: extra.optionalHttpUrl('pipelineRunUrl'),
  };
}
