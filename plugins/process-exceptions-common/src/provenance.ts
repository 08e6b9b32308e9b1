/**
 * Who delivered a ledger event, settled when it was received.
 *
 * - `user`: a person in the portal, signed in as `userRef`; `groups` are
 *   the login's ownership refs in the catalog at that moment, `permission`
 *   the permission the policy allowed for the write.
 * - `service`: a Backstage service token; `subject` is its principal, and
 *   `permission` the one its restrictions or the config named.
 * - `webhook`: a delivery to `/v1/webhooks/{source}`; `verification` is the
 *   check that passed: an HMAC-SHA256 signature over the body (its
 *   `header`), a shared secret sent as is, or none (`allowUnsigned`).
 * - `events-topic`: a delivery from Backstage's events system, whose
 *   authenticity was checked where it entered Backstage.
 * - `agent`: an AI agent's action on behalf of a signed-in person.
 * - `pre-provenance`: recorded before the plugin kept provenance.
 *
 * @public
 */
export type EventProvenance =
  | { kind: 'user'; userRef: string; groups?: string[]; permission?: string }
  | { kind: 'service'; subject: string; permission?: string }
  | {
      kind: 'webhook';
      source: string;
      verification: 'hmac-sha256' | 'shared-secret' | 'unsigned';
      header?: string;
    }
  | { kind: 'events-topic'; topic: string }
  | { kind: 'agent'; userRef: string; action: string }
  | { kind: 'pre-provenance' };

/**
 * A short description of who delivered an event, for people.
 *
 * @public
 */
export function describeProvenance(p: EventProvenance): string {
  switch (p.kind) {
    case 'user':
      return `${p.userRef} in the portal`;
    case 'service':
      return `service token ${p.subject}`;
    case 'webhook':
      if (p.verification === 'hmac-sha256') {
        return `${p.source} webhook, signature checked (${p.header})`;
      }
      return p.verification === 'shared-secret'
        ? `${p.source} webhook, shared secret checked`
        : `${p.source} webhook, unsigned`;
    case 'events-topic':
      return `events topic ${p.topic}`;
    case 'agent':
      return `agent action ${p.action} for ${p.userRef}`;
    default:
      return 'recorded before provenance was kept';
  }
}
