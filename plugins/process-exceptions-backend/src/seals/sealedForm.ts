import { sha256Hex } from '../lib/sha256Hex';
import { EVENT_COLUMNS } from '../database/sql/columns';
import { parseJson, toIso } from '../database/sql/conversions';
import { SealingKey } from './sealingKey';

/** A ledger row as the sealer and the verifier read it. */
export type SealRow = {
  seq: number | string;
  source: string;
  external_id: string;
  type: string;
  subject: string | null;
  actor: string | null;
  occurred_at: Date | number | string;
  received_at: Date | number | string;
  data: string | object;
  payload: string | object | null;
  provenance: string | object;
  chain_position: number | string | null;
  seal: string | null;
};

/** The columns {@link SealRow} holds: the event's own, without its later-filled entity. */
export const SEAL_COLUMNS = [
  'seq',
  ...Object.keys(EVENT_COLUMNS).filter(c => c !== 'entity_ref'),
  'chain_position',
  'seal',
];

/** The seal before the first event. */
export const GENESIS_SEAL = '0'.repeat(64);

/** Fields of an event's data that name a person. */
const PERSONAL_DATA_FIELDS = ['reviewer'];
/** Fields of a provenance that name a person. */
const PERSONAL_PROVENANCE_FIELDS = ['userRef'];

/** JSON with every object's keys in code-unit order, without spaces. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const members = keys
      .filter(k => (value as Record<string, unknown>)[k] !== undefined)
      .map(
        k =>
          `${JSON.stringify(k)}:${canonicalJson(
            (value as Record<string, unknown>)[k],
          )}`,
      );
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function withDigests(
  value: Record<string, unknown>,
  fields: string[],
  key: SealingKey,
): Record<string, unknown> {
  const out = { ...value };
  for (const field of fields) {
    if (typeof out[field] === 'string') out[field] = key.digest(out[field]);
  }
  return out;
}

/**
 * The sealed form of an event at a chain position (docs/ledger-seals.md):
 * what it is, when, what it said and who delivered it, with each personal
 * field (the actor, a reviewer, a user's ref, the sender's whole payload)
 * as its keyed digest. The entity it was mapped to is left out: it is
 * filled in later, from the catalog.
 */
export function sealedForm(
  row: SealRow,
  position: number,
  key: SealingKey,
): string {
  const payload = row.payload === null ? null : parseJson(row.payload);
  return canonicalJson({
    v: 1,
    position,
    seq: Number(row.seq),
    source: row.source,
    externalId: row.external_id,
    type: row.type,
    subject: row.subject,
    actor: row.actor === null ? null : key.digest(row.actor),
    occurredAt: toIso(row.occurred_at),
    receivedAt: toIso(row.received_at),
    data: withDigests(parseJson(row.data), PERSONAL_DATA_FIELDS, key),
    payload: payload === null ? null : key.digest(canonicalJson(payload)),
    provenance: withDigests(
      parseJson(row.provenance),
      PERSONAL_PROVENANCE_FIELDS,
      key,
    ),
  });
}

/** An event's seal: the SHA-256 of the seal before it and its sealed form. */
export function sealOf(previous: string, form: string): string {
  return sha256Hex(`${previous}\n${form}`);
}
