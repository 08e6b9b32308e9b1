'use strict';

const { createRandom } = require('./random');
const s = require('./eventScenarios');

const DAY = 24 * s.HOUR;

/**
 * An endless stream of realistic events over `entities` services, as a fleet
 * of pipelines would post them: whole stories (a release, a hotfix with its
 * incident, an emergency flag disable, a story pulled with gaps, a staging
 * deployment), each on a random service (of the first `entities`, or the
 * number `pick` draws), told in order. Ids start with `prefix`, so each
 * stream records new events.
 */
function createEventStream({ entities, prefix, seed = 1, pick }) {
  const rnd = createRandom(seed);
  const queue = [];
  let k = 0;

  function refill() {
    const n = pick ? pick(rnd) : rnd.int(entities);
    const subject = s.scenarioSubject(`svc-${n}`, `${prefix}-${k++}`);
    // Stories start 15–20 days ago, so even late backfills are in the past.
    const at = Date.now() - 20 * DAY + rnd.int(5 * DAY);
    const done = rnd.chance(0.6);
    const late = rnd.chance(0.25);
    const roll = rnd.next();
    if (roll < 0.35) {
      queue.push(
        ...s.release(subject, at, {
          bypass: rnd.chance(0.05),
          underReviewed: rnd.chance(0.15),
        }),
      );
    } else if (roll < 0.5) {
      queue.push(
        ...s.hotfix(subject, at, { done, late, weak: rnd.chance(0.25) }),
      );
    } else if (roll < 0.65) {
      queue.push(...s.flagDisable(subject, at, { done, late }));
    } else if (roll < 0.8) {
      queue.push(...s.partialStory(subject, at, { done, late }));
    } else {
      queue.push(...s.stagingDeploy(subject, at));
    }
  }

  return {
    next() {
      if (queue.length === 0) refill();
      return queue.shift();
    },
    take(count) {
      return Array.from({ length: count }, () => this.next());
    },
  };
}

module.exports = { createEventStream };
