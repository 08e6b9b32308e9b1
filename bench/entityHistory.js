'use strict';

const s = require('./eventScenarios');

const DAY = 24 * s.HOUR;

/** What the loaded dataset holds per service. */
const EVENTS_PER_ENTITY = 200;
const EXCEPTIONS_PER_ENTITY = 40;

/**
 * Half a year of one service's delivery, exactly 200 events that the rules
 * turn into exactly 40 exceptions: 12 hotfixes (8 backfilled, 1 in 4 with a
 * one-approval review), 12 flag disables (8 backfilled), 16 partially ready
 * stories (10 backfilled), 6 releases (some bypassing the pipeline or
 * under-reviewed: findings) and a staging deployment. A quarter of the
 * backfills are late; what is not backfilled is mostly overdue, the most
 * recent still open. A service with a longer history is several rounds of
 * this, each `round` with its own ids.
 */
function entityHistory(n, rnd, now, round = 0) {
  const service = `svc-${n}`;
  const events = [];
  // Backfilled stories start at least 14 days ago so their last event is past.
  const startAt = done =>
    now - 180 * DAY + rnd.int((done ? 166 : 180) * DAY - s.HOUR);
  const subject = tag =>
    s.scenarioSubject(service, `e${n}${round ? `r${round}` : ''}-${tag}`);

  for (let i = 0; i < 12; i++) {
    const done = i < 8;
    events.push(
      ...s.hotfix(subject(`h${i}`), startAt(done), {
        done,
        weak: i % 4 === 3,
        late: rnd.chance(0.25),
      }),
    );
  }
  for (let i = 0; i < 12; i++) {
    const done = i < 8;
    events.push(
      ...s.flagDisable(subject(`f${i}`), startAt(done), {
        done,
        late: rnd.chance(0.25),
      }),
    );
  }
  for (let i = 0; i < 16; i++) {
    const done = i < 10;
    events.push(
      ...s.partialStory(subject(`p${i}`), startAt(done), {
        done,
        late: rnd.chance(0.25),
      }),
    );
  }
  for (let i = 0; i < 6; i++) {
    events.push(
      ...s.release(subject(`r${i}`), startAt(true), {
        bypass: rnd.chance(0.1),
        underReviewed: rnd.chance(0.15),
      }),
    );
  }
  events.push(...s.stagingDeploy(subject('z'), startAt(true)));
  if (events.length !== EVENTS_PER_ENTITY) {
    throw new Error(`entityHistory made ${events.length} events, not 200`);
  }
  return events;
}

module.exports = {
  entityHistory,
  EVENTS_PER_ENTITY,
  EXCEPTIONS_PER_ENTITY,
};
