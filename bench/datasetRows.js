'use strict';

/** The ledger rows of one service's events, numbered from `firstSeq`. */
function ledgerRows(envelopes, firstSeq) {
  return envelopes.map((e, i) => {
    const occurredAt = new Date(e.occurredAt);
    return {
      seq: firstSeq + i,
      source: 'api',
      external_id: e.id,
      type: e.type,
      entity_ref: e.entityRef,
      subject: e.entityRef,
      actor: e.actor ?? null,
      occurred_at: occurredAt,
      received_at: new Date(occurredAt.getTime() + 5000),
      data: JSON.stringify(e.data),
      payload: JSON.stringify(e),
      // As the bench's pipeline token delivers them.
      provenance: JSON.stringify({ kind: 'service', subject: 'bench' }),
    };
  });
}

module.exports = { ledgerRows };
