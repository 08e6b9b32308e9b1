'use strict';

// The ledger's columns (pe_events, as the plugin's migrations create it). The loader writes the ledger alone: everything derived from it comes
// from the plugin, through its rebuild API.

const LEDGER_COLUMNS = [
  'seq',
  'source',
  'external_id',
  'type',
  'entity_ref',
  'subject',
  'actor',
  'occurred_at',
  'received_at',
  'data',
  'payload',
  'provenance',
];

module.exports = { LEDGER_COLUMNS, LEDGER: 'pe_events' };
