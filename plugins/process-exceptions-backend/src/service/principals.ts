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

/**
 * Who writes: the actor events record, and the provenance with what was
 * settled at receipt: the permission allowed, a person's groups.
 */
export function writerOf(
  credentials: BackstageCredentials,
  settled: { permission?: string; groups?: string[] } = {},
): Writer {
  const base = provenanceOf(credentials);
  const provenance: Writer['provenance'] =
    base.kind === 'user'
      ? { ...base, ...settled }
      : { ...base, permission: settled.permission };
  const actor =
    provenance.kind === 'user'
      ? provenance.userRef
      : `service:${provenance.subject}`;
  return { actor, provenance };
}
