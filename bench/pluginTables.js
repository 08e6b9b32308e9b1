'use strict';

// The plugin's tables and their columns, in insert order: the plugin's own
// column lists (src/database/columns.ts), plus the ledger's `seq`, which the
// bulk loader sets itself. Loaded through the dev transpiler (pluginSource.js).

const { pluginSrc } = require('./pluginSource');

const {
  EVENT_COLUMNS,
  EXCEPTION_COLUMNS,
  EXCEPTION_STATE_COLUMNS,
  TASK_COLUMNS,
  LINK_COLUMNS,
  FINDING_COLUMNS,
  EVENT_KEY_COLUMNS,
} = pluginSrc('database/columns.ts');

const TABLES = {
  pe_events: { seq: 'bigint', ...EVENT_COLUMNS },
  pe_exceptions: EXCEPTION_COLUMNS,
  pe_exception_states: EXCEPTION_STATE_COLUMNS,
  pe_tasks: TASK_COLUMNS,
  pe_exception_events: LINK_COLUMNS,
  pe_findings: FINDING_COLUMNS,
  pe_event_keys: EVENT_KEY_COLUMNS,
};

module.exports = { TABLES };
