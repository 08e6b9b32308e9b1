import { z } from 'zod/v4';

// Bounds keep hostile bodies small: every string, array and date is limited.
const id = z.string().trim().min(1).max(255);
const text = z.string().max(2000);
const label = z.string().min(1).max(100);
const httpUrl = z
  .url()
  .max(2048)
  .refine(u => /^https?:\/\//i.test(u), 'must be an http(s) URL');
const ids = z.array(id).max(100);

const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

const LEAP_DAY =
  '(?:\\d\\d(?:[2468][048]|[13579][26]|0[48])|(?:[02468][048]|[13579][26])00)-02-29';
const OTHER_DAYS =
  '\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))';
const TIME = 'T(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?';
const ZONE = '(?:Z|[+-]\\d{2}:?\\d{2})';
/** A calendar date and time with its zone (`Z`, `+02:00` or `+0200`). */
const ISO_DATE_TIME = new RegExp(
  `^(?:${LEAP_DAY}|${OTHER_DAYS})${TIME}${ZONE}$`,
);

/** ISO 8601 with a time zone, not before 2000 and not more than a day ahead. */
export const isoTime = z
  .string()
  .max(40)
  .regex(ISO_DATE_TIME, 'Invalid datetime')
  .refine(s => {
    const t = Date.parse(s);
    return t >= EARLIEST && t <= Date.now() + MAX_CLOCK_SKEW_MS;
  }, 'must be a time between 2000-01-01 and one day from now');

export const dataSchemas = {
  'incident.opened': z.object({
    incidentId: id,
    severity: label,
    title: text.optional(),
    url: httpUrl.optional(),
  }),
  'incident.resolved': z.object({ incidentId: id, url: httpUrl.optional() }),
  'change.reviewed': z.object({
    changeId: id,
    reviewer: id,
    role: label.optional(),
    decision: z.enum(['approved', 'changes_requested', 'dismissed']),
    storyId: id.optional(),
    url: httpUrl.optional(),
  }),
  'change.merged': z.object({
    changeId: id,
    url: httpUrl.optional(),
    storyId: id.optional(),
    approvals: z.number().int().min(0).max(1000).optional(),
  }),
  'deployment.finished': z.object({
    deploymentId: id,
    environment: label,
    outcome: z.enum(['succeeded', 'failed']),
    changeIds: ids.optional(),
    viaPipeline: z.boolean().optional(),
    pipelineRunUrl: httpUrl.optional(),
    labels: z.array(label).max(50).optional(),
    incidentId: id.optional(),
    fixes: z
      .object({
        exceptionId: id.optional(),
        incidentId: id.optional(),
        flagKey: id.optional(),
      })
      .optional(),
    name: z.string().min(1).max(255).optional(),
    reason: text.optional(),
  }),
  'flag.changed': z.object({
    flagKey: id,
    environment: label,
    enabled: z.boolean(),
    planned: z.boolean().optional(),
    reason: text.optional(),
    url: httpUrl.optional(),
    name: z.string().min(1).max(255).optional(),
  }),
  'verification.finished': z.object({
    environment: label,
    outcome: z.enum(['passed', 'failed']),
    changeIds: ids.optional(),
    flagKey: id.optional(),
    url: httpUrl.optional(),
  }),
  'story.pulled': z.object({
    storyId: id,
    title: z.string().min(1).max(500),
    url: httpUrl.optional(),
    gaps: z
      .array(z.object({ key: id, description: z.string().min(1).max(500) }))
      .max(50),
    changeIds: ids.optional(),
    name: z.string().min(1).max(255).optional(),
    reason: text.optional(),
  }),
  'gap.closed': z.object({
    storyId: id,
    gapKey: id,
    evidenceUrl: httpUrl.optional(),
  }),
  'backfill.completed': z
    .object({
      exceptionId: id.optional(),
      incidentId: id.optional(),
      taskKey: id,
      evidenceUrl: httpUrl.optional(),
    })
    .refine(d => d.exceptionId || d.incidentId, {
      message: 'needs exceptionId or incidentId',
    }),
} as const;

export type KnownEventType = keyof typeof dataSchemas;

export const envelopeSchema = z.object({
  id,
  type: z.string().min(1).max(64),
  occurredAt: isoTime,
  entityRef: z.string().min(1).max(255).optional(),
  actor: z.string().min(1).max(255).optional(),
  data: z.record(z.string(), z.unknown()),
});

export { httpUrl, id as idSchema, text as textSchema };
