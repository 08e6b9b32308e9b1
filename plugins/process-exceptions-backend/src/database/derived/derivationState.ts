import { Knex } from 'knex';
import { PolicyVersion } from '../../policy/PolicyVersion';
import { SqlDialect } from '../dialect/SqlDialect';

// pe_derivation_state: which policy each service was derived with.

const TABLE = 'pe_derivation_state';

export async function derivationOf(
  tx: Knex.Transaction,
  entityRef: string,
): Promise<PolicyVersion | undefined> {
  const row = await tx(TABLE)
    .where({ entity_ref: entityRef })
    .first('policy_revision', 'policy_fingerprint');
  return row
    ? {
        revision: Number(row.policy_revision),
        fingerprint: row.policy_fingerprint,
      }
    : undefined;
}

/** After a whole-ledger derivation: the service is derived with `version`. */
export async function recordDerivation(
  tx: Knex.Transaction,
  entityRef: string,
  version: PolicyVersion,
  lastSeq: number,
): Promise<void> {
  await tx(TABLE)
    .insert({
      entity_ref: entityRef,
      policy_revision: version.revision,
      policy_fingerprint: version.fingerprint,
      last_seq: lastSeq,
      derived_at: new Date(),
    })
    .onConflict('entity_ref')
    .merge();
}

/**
 * After a write derived cases of these services with `version`: a new
 * service is recorded with it, a known one only ever lowered to it, so a
 * replica behind on its policy marks what it wrote for the next rebuild.
 */
export async function noteCasesDerived(
  tx: Knex.Transaction,
  dialect: SqlDialect,
  entityRefs: string[],
  version: PolicyVersion,
): Promise<void> {
  await tx.raw(
    `insert into ${TABLE}
       (entity_ref, policy_revision, policy_fingerprint, last_seq, derived_at)
     select value, ?, ?, 0, ? from (${dialect.listRows('text')}) as refs
     where true -- SQLite reads an upsert's select only with a where
     on conflict (entity_ref) do update
       set policy_revision = excluded.policy_revision,
           policy_fingerprint = excluded.policy_fingerprint
       where ${TABLE}.policy_revision > excluded.policy_revision`,
    [
      version.revision,
      version.fingerprint,
      new Date(),
      dialect.list(entityRefs) as Knex.RawBinding,
    ],
  );
}
