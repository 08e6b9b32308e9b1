import { LedgerVerification } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { GENESIS_SEAL, SealRow, sealedForm, sealOf } from './sealedForm';
import { SealingKey } from './sealingKey';

type Mismatch = NonNullable<LedgerVerification['mismatch']>;

/** A stored head, as the walk checks it. */
export type StoredHead = { position: number; seal: string; signature: string };

/**
 * Follows the chain through `events` (in position order) and the stored
 * `heads` (in position order), stopping at the first event whose content
 * or place no longer matches its seal, or a head that does not match the
 * chain or its signature. A chain whose first events have left the live
 * tables starts from the signed head just before them.
 */
export async function walkChain(options: {
  key: SealingKey;
  events: AsyncIterable<SealRow>;
  heads: AsyncIterable<StoredHead>;
}): Promise<{ walked: number; mismatch: Mismatch | null }> {
  const { key } = options;
  const heads = options.heads[Symbol.asyncIterator]();
  let nextHead = (await heads.next()).value as StoredHead | undefined;
  let previous: { position: number; seal: string } | undefined;
  let walked = 0;

  const checkHeadsThrough = async (
    position: number,
    seal: string,
  ): Promise<Mismatch | null> => {
    while (nextHead && nextHead.position <= position) {
      const h = nextHead;
      if (h.position < position || h.seal !== seal) {
        return {
          position: h.position,
          event: null,
          problem: 'head',
          message: `The signed head at position ${h.position} does not match the chain there`,
        };
      }
      if (!key.signed(h.position, h.seal, h.signature)) {
        return {
          position: h.position,
          event: null,
          problem: 'head',
          message: `The head at position ${h.position} is not signed with this portal's sealing key`,
        };
      }
      nextHead = (await heads.next()).value as StoredHead | undefined;
    }
    return null;
  };

  for await (const row of options.events) {
    const position = Number(row.chain_position);
    const event = {
      source: row.source,
      id: row.external_id,
      seq: Number(row.seq),
    };
    if (!previous) {
      previous = { position: 0, seal: GENESIS_SEAL };
      if (position > 1) {
        // The events before have left the live tables: start from their head.
        const start =
          nextHead?.position === position - 1 ? nextHead : undefined;
        if (
          !start ||
          !key.signed(start.position, start.seal, start.signature)
        ) {
          return {
            walked,
            mismatch: {
              position: 1,
              event: null,
              problem: 'order',
              message: `The chain starts at position ${position}, with no signed head before it`,
            },
          };
        }
        previous = { position: start.position, seal: start.seal };
        nextHead = (await heads.next()).value as StoredHead | undefined;
      }
    }
    if (position !== previous.position + 1) {
      return {
        walked,
        mismatch: {
          position: previous.position + 1,
          event,
          problem: 'order',
          message: `Expected the event at chain position ${
            previous.position + 1
          }, found ${event.source} event ${event.id} at ${position}`,
        },
      };
    }
    const seal = sealOf(previous.seal, sealedForm(row, position, key));
    if (seal !== row.seal) {
      return {
        walked,
        mismatch: {
          position,
          event,
          problem: 'content',
          message: `The ${event.source} event ${event.id} at chain position ${position} is not what was sealed there`,
        },
      };
    }
    const headMismatch = await checkHeadsThrough(position, seal);
    if (headMismatch) return { walked, mismatch: headMismatch };
    previous = { position, seal };
    walked += 1;
  }
  const last = previous?.position ?? 0;
  if (nextHead) {
    return {
      walked,
      mismatch: {
        position: nextHead.position,
        event: null,
        problem: 'order',
        message: `A signed head names position ${nextHead.position}, but the chain ends at ${last}`,
      },
    };
  }
  return { walked, mismatch: null };
}
