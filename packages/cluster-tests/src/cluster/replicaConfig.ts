import { PIPELINE_TOKEN } from './paths';

/** A static external-access token, as `backend.auth.externalAccess` lists it. */
export interface StaticToken {
  token: string;
  subject: string;
  /** Plugins it may call; all when omitted. */
  plugins?: string[];
}

/**
 * The config one replica adds to app-config.yaml: its own port and base
 * URL, PostgreSQL shared by every replica, the static tokens, and the
 * plugin's maintenance schedule.
 */
export function replicaConfig(options: {
  port: number;
  connection: string;
  /** Backstage's per-plugin database names start with this. */
  prefix: string;
  /** `processExceptions.schedule`; the plugin's default when omitted. */
  schedule?: object;
  /** Tokens besides the pipeline's (the list replaces app-config's). */
  tokens?: StaticToken[];
}): object {
  const tokens: StaticToken[] = [
    {
      token: PIPELINE_TOKEN,
      subject: 'delivery-pipeline',
      plugins: ['process-exceptions'],
    },
    ...(options.tokens ?? []),
  ];
  return {
    backend: {
      baseUrl: `http://127.0.0.1:${options.port}`,
      listen: { host: '127.0.0.1', port: options.port },
      database: {
        client: 'pg',
        connection: options.connection,
        prefix: options.prefix,
      },
      auth: {
        externalAccess: tokens.map(t => ({
          type: 'static',
          options: { token: t.token, subject: t.subject },
          ...(t.plugins
            ? { accessRestrictions: t.plugins.map(plugin => ({ plugin })) }
            : {}),
        })),
      },
    },
    processExceptions: {
      ...(options.schedule ? { schedule: options.schedule } : {}),
      // The streams replay a history with its past times: they count as sent.
      policies: {
        attestation: {
          trustedClocks: ['delivery-pipeline', 'demo-history-import'],
        },
      },
    },
  };
}
