import { InputError } from '@backstage/errors';
import {
  EXCEPTION_KINDS,
  EXCEPTION_STATUSES,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { z } from 'zod/v4';
import { PARSE_OPTIONS } from '../ingest/validationMessages';

/** Parses a request part, turning every problem into a 400 that names the field. */
export function parse<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
): z.infer<T> {
  const result = schema.safeParse(value, PARSE_OPTIONS);
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .slice(0, 5)
        .map(i => `${[where, ...i.path].join('.')}: ${i.message}`)
        .join('; '),
    );
  }
  return result.data;
}

const entityRef = z.string().min(1).max(255);
const id = z.string().trim().min(1).max(255);

export const exceptionListQuery = z
  .object({
    entityRef: entityRef.optional(),
    status: z.enum(EXCEPTION_STATUSES as [string, ...string[]]).optional(),
    kind: z.enum(EXCEPTION_KINDS as [string, ...string[]]).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const findingListQuery = z
  .object({
    entityRef: entityRef.optional(),
    acknowledged: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const scorecardQuery = z
  .object({
    groupBy: z.enum(['owner', 'entity']).default('owner'),
    owner: entityRef.optional(),
    window: z
      .string()
      .regex(/^\d{1,4}d$/, "must be a number of days such as '90d'")
      .default('90d'),
  })
  .strict();

export const summaryQuery = z.object({ entityRef }).strict();

export const inboxQuery = z
  .object({ status: z.enum(['pending', 'rejected']).default('pending') })
  .strict();

export const trendsQuery = z
  .object({
    owner: entityRef.optional(),
    weeks: z.coerce.number().int().min(1).max(104).default(12),
  })
  .strict();

export const gateQuery = z
  .object({ changeId: id.optional(), storyId: id.optional() })
  .strict()
  .refine(q => q.changeId || q.storyId, 'give changeId or storyId');

// A day, or a time with its zone; a day as `to` includes that whole day.
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const periodBound = z
  .string()
  .max(40)
  .refine(
    v =>
      (DAY.test(v) || /[zZ]|[+-]\d{2}:\d{2}$/.test(v)) &&
      !Number.isNaN(Date.parse(v)),
    'must be a day (2026-10-01) or a time with its zone (2026-10-01T00:00:00Z)',
  );

export const evidenceQuery = z
  .object({
    from: periodBound,
    to: periodBound,
    owner: entityRef.optional(),
    entityRef: entityRef.optional(),
    format: z.enum(['csv', 'json']).default('csv'),
  })
  .strict()
  .transform(q => ({
    ...q,
    fromDate: new Date(q.from),
    toDate: DAY.test(q.to)
      ? new Date(Date.parse(q.to) + 24 * 3600 * 1000)
      : new Date(q.to),
  }))
  .refine(q => q.fromDate < q.toDate, {
    message: 'to must be after from',
    path: ['to'],
  });

const hex64 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

/** A head from an earlier export: all three of its parts, or none. */
export const verifyQuery = z
  .object({
    position: z
      .string()
      .regex(/^[1-9][0-9]{0,15}$/, 'must be a chain position')
      .optional(),
    seal: hex64.optional(),
    signature: hex64.optional(),
  })
  .strict()
  .refine(
    q =>
      [q.position, q.seal, q.signature].every(v => v === undefined) ||
      [q.position, q.seal, q.signature].every(v => v !== undefined),
    { message: 'a head to check against needs position, seal and signature' },
  )
  .transform(q =>
    q.position === undefined
      ? undefined
      : {
          position: Number(q.position),
          seal: q.seal!,
          signature: q.signature!,
        },
  );

/** The query parameter of each key a trail can start from. */
const TRAIL_KEYS = {
  changeId: 'change',
  deploymentId: 'deployment',
  incidentId: 'incident',
  flagKey: 'flag',
  storyId: 'story',
} as const;
type TrailParam = keyof typeof TRAIL_KEYS;

export const trailQuery = z
  .object({
    changeId: id.optional(),
    deploymentId: id.optional(),
    incidentId: id.optional(),
    flagKey: id.optional(),
    storyId: id.optional(),
  })
  .strict()
  .refine(
    q => Object.values(q).filter(Boolean).length === 1,
    'give exactly one of changeId, deploymentId, incidentId, flagKey, storyId',
  );

/** The correlation key a valid trail query names. */
export function trailKeyOf(q: z.infer<typeof trailQuery>) {
  const [param, value] = Object.entries(q).find(([, v]) => v)! as [
    TrailParam,
    string,
  ];
  return { kind: TRAIL_KEYS[param], value };
}

const httpUrl = z
  .url()
  .max(2048)
  .refine(u => /^https?:\/\//i.test(u), 'must be an http(s) URL');

const gap = z.object({ key: id, description: z.string().min(1).max(500) });

export const recordExceptionBody = z
  .object({
    entityRef,
    kind: z.enum(EXCEPTION_KINDS as [string, ...string[]]),
    name: z.string().trim().min(1, 'a name is required').max(255),
    reason: z.string().trim().min(1, 'a reason is required').max(2000),
    links: z
      .object({
        incident: id.optional(),
        changes: z.array(id).max(100).optional(),
        flag: id.optional(),
        story: id.optional(),
        deployment: id.optional(),
      })
      .strict()
      .optional(),
    gaps: z.array(gap).min(1).max(50).optional(),
  })
  .strict()
  .refine(b => b.kind !== 'partial-readiness' || b.gaps, {
    message: 'a partial-readiness exception needs its named gaps',
    path: ['gaps'],
  });

export const completeTaskBody = z.object({ evidenceUrl: httpUrl }).strict();

export const acknowledgeBody = z
  .object({
    name: z.string().trim().min(1, 'a name is required').max(255),
    reason: z.string().trim().min(1, 'a reason is required').max(2000),
  })
  .strict();

export const reassignStoryBody = z.object({ entityRef }).strict();

export const withdrawStoryBody = z
  .object({
    reason: z.string().trim().min(1, 'a reason is required').max(2000),
  })
  .strict();

export const rebuildBody = z
  .object({ entityRefs: z.array(entityRef).min(1).max(1000).optional() })
  .strict();
