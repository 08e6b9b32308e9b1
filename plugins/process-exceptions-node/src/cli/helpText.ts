import { EVENT_TYPES } from '@process-exceptions/backstage-plugin-process-exceptions-common';

/** The text of `process-exceptions --help`. */
export const helpText = `Usage: process-exceptions <command> [options]

Reports delivery events to the Process Exceptions backend and asks its merge
gate, so a CI job can do either in one line.

Commands:
  post-event   Record one event given by flags, or the events in a file
  gate         Ask whether a change, or the changes of a story, may merge
  trail        Print everything a change, deployment, incident, flag or
               story touches, across services, in time order
  evidence     Write the evidence of a period (every exception, task and
               finding) to standard output, as CSV or JSON
  verify       Walk the ledger's hash chain and report the first event that
               no longer matches its seal; --against an export also shows
               that nothing sealed before it changed
  rebuild      Re-derive every service from its ledger (an administrator's
               permission), printing progress until it is done

post-event, one event from flags:
  --type <type>         ${wrapTypes()}
  --id <id>             your unique id of the event; sending it again records
                        nothing ("duplicate")
  --entity <ref>        the catalog entity, e.g. component:default/payments-api
  --occurred-at <iso>   when it happened, ISO 8601 with a time zone
                        (default: now)
  --actor <ref>         who did it, e.g. user:default/jane
  --data <json>         the event's data, e.g. '{"deploymentId":"7731",
                        "environment":"production","outcome":"succeeded"}'

post-event, events from a file:
  --file <path>         a JSON event envelope, or {"events": [...]};
                        "-" reads standard input

gate (one of):
  --change <id>         a change, e.g. a pull request's head commit SHA
  --story <id>          a story

trail (one of):
  --change <id>         a change, e.g. a commit SHA or pull request
  --deployment <id>     a deployment
  --incident <id>       an incident, e.g. INC-117
  --flag <key>          a feature flag
  --story <id>          a story
  --json                print the API's answer as JSON

evidence:
  --from <day>          the first day, e.g. 2026-10-01 (or a time with zone)
  --to <day>            the last day, included
  --owner <ref>         only this team's services, e.g.
                        group:default/payments-team
  --entity <ref>        only this service
  --format <csv|json>   default: csv

verify:
  --against <file>      an earlier evidence export (CSV or JSON) whose signed
                        chain head the ledger must still match
  --json                print the API's answer as JSON

rebuild:
  --id <id>             follow a rebuild already started instead
  --interval <seconds>  how often progress is read (default: 2)
  --detach              start it, print its id and return

Connection:
  --url <url>           the Backstage backend, e.g. http://localhost:7007;
                        /api/process-exceptions is appended
                        (default: $PROCESS_EXCEPTIONS_URL)
  --token <token>       the static external-access token
                        (default: $PROCESS_EXCEPTIONS_TOKEN)
  --retries <n>         further attempts after a 5xx or network error
                        (default: 3, with exponential backoff)
  -h, --help            show this help

Exit codes:
  0  done; for gate: merge allowed
  1  gate: merge blocked by open readiness gaps
  2  usage error, or the backend rejected the request (4xx, message printed)
  3  backend unreachable, or a 5xx answer after the retries
  4  rebuild: the job ended unfinished (superseded by a newer policy)
  5  verify: the ledger, or the export checked against, does not match

Examples:
  process-exceptions post-event --type deployment.finished --id deploy-7731 \\
    --entity component:default/payments-api \\
    --data '{"deploymentId":"7731","environment":"production","outcome":"succeeded"}'
  process-exceptions post-event --file events.json
  process-exceptions gate --change pr-1204
  process-exceptions trail --incident INC-117
  process-exceptions evidence --from 2026-10-01 --to 2026-12-31 > evidence.csv
  process-exceptions rebuild
`;

function wrapTypes(): string {
  const lines = ['one of:'];
  for (const type of EVENT_TYPES) {
    const last = lines.length - 1;
    if (`${lines[last]} ${type},`.length > 52) lines.push(`${type},`);
    else lines[last] = `${lines[last]} ${type},`;
  }
  return lines.join(`\n${' '.repeat(24)}`).replace(/,$/, '');
}
