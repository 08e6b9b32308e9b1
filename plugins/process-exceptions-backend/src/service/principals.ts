import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { EventProvenance } from '@process-exceptions/backstage-plugin-process-exceptions-common';

type Principal = { type: string; userEntityRef?: string; subject?: string };

/** Who delivered a request's events, as the ledger keeps it. */
export function provenanceOf(
  credentials: BackstageCredentials,
): EventProvenance {
  const p = credentials.principal as Principal;
  return p.type === 'user'
    ? { kind: 'user', userRef: p.userEntityRef! }
    : { kind: 'service', subject: p.subject ?? 'unknown' };
}

/** Who did it, as an event's actor. */
export function actorOf(provenance: EventProvenance): string {
  return provenance.kind === 'user' || provenance.kind === 'agent'
    ? provenance.userRef
    : `service:${
        provenance.kind === 'service' ? provenance.subject : 'unknown'
      }`;
}
