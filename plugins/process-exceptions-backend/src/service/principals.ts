import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { EventProvenance } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Writer } from '../actions/PortalActions';

type Principal = { type: string; userEntityRef?: string; subject?: string };

/** Who delivered a request's events, as the ledger keeps it. */
export function provenanceOf(
  credentials: BackstageCredentials,
): Extract<EventProvenance, { kind: 'user' | 'service' }> {
  const p = credentials.principal as Principal;
  return p.type === 'user'
    ? { kind: 'user', userRef: p.userEntityRef! }
    : { kind: 'service', subject: p.subject ?? 'unknown' };
}

/** Who writes: the actor events record, and the provenance. */
export function writerOf(credentials: BackstageCredentials): Writer {
  const provenance = provenanceOf(credentials);
  const actor =
    provenance.kind === 'user'
      ? provenance.userRef
      : `service:${provenance.subject}`;
  return { actor, provenance };
}
