import { RuleContext } from './context';
import { deploymentLinks, isHotfixDeployment } from './hotfix';
import { newFinding } from './newFinding';
import { RuleOutput } from './types';
import { naturalKeys } from './naturalKeys';

/** Pipeline-bypassed and unrecorded-exception findings. */
export function deriveDeploymentFindings(ctx: RuleContext): RuleOutput {
  const output: RuleOutput = { exceptions: [], findings: [] };
  const { confirmations } = ctx.policy;
  for (const deployment of ctx.productionDeployments()) {
    const { deploymentId, environment, changeIds = [] } = deployment.data;
    const links = deploymentLinks(deployment);

    // Bypassing the pipeline is never sanctioned, not even for a hotfix.
    if (deployment.data.viaPipeline === false) {
      output.findings.push({
        finding: newFinding({
          naturalKey: naturalKeys.pipelineBypassed(ctx.entityRef, deploymentId),
          rule: 'pipeline-bypassed',
          entityRef: ctx.entityRef,
          message: `Deployment ${deploymentId} reached ${environment} outside the pipeline.`,
          eventSeqs: [deployment.seq],
          detectedAt: deployment.occurredAt,
        }),
        links,
      });
    }

    if (isHotfixDeployment(ctx, deployment)) continue;
    const count = ctx.approvalCountAt(changeIds, deployment.occurredAt);
    if (count < confirmations) {
      output.findings.push({
        finding: newFinding({
          naturalKey: naturalKeys.unrecordedException(
            ctx.entityRef,
            deploymentId,
          ),
          rule: 'unrecorded-exception',
          entityRef: ctx.entityRef,
          message:
            `Deployment ${deploymentId} reached ${environment} with ${count} ` +
            `approval(s), fewer than the ${confirmations} required, and it ` +
            `is not a recorded hotfix.`,
          eventSeqs: [deployment.seq],
          detectedAt: deployment.occurredAt,
        }),
        links,
      });
    }
  }
  return output;
}
