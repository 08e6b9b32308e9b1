import net from 'node:net';
import { httpJson } from '../http/httpJson';
import { Replica } from './Replica';
import { replicaConfig, StaticToken } from './replicaConfig';

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/**
 * Starts replicas of the demo backend sharing one set of databases. The
 * first starts alone: Backstage's own knex migrations (the catalog's, the
 * scheduler's and the auth keys' tables) race when two processes create
 * them at the same moment on an empty database, and the loser's startup
 * fails. Once the first has migrated everything, the others start together.
 */
export async function startCluster(options: {
  name: string;
  replicas: number;
  connection: string;
  prefix: string;
  runDir: string;
  schedule?: object;
  tokens?: StaticToken[];
}): Promise<Replica[]> {
  const ports: number[] = [];
  while (ports.length < options.replicas) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const start = (port: number, i: number) =>
    Replica.start({
      name: `${options.name}-${i + 1}`,
      port,
      runDir: options.runDir,
      config: replicaConfig({ ...options, port }),
    });
  const first = await start(ports[0], 0);
  const rest = await Promise.allSettled(
    ports.slice(1).map((port, i) => start(port, i + 1)),
  );
  const failed = rest.find(r => r.status === 'rejected');
  if (failed) {
    await Promise.all([
      first.stop(),
      ...rest.map(r => (r.status === 'fulfilled' ? r.value.stop() : null)),
    ]);
    throw (failed as PromiseRejectedResult).reason;
  }
  return [
    first,
    ...rest.map(r => (r as PromiseFulfilledResult<Replica>).value),
  ];
}

/**
 * Waits until the catalog has ingested the given entities, so events about
 * them resolve instead of being kept unmapped. Needs a token that may call
 * the catalog.
 */
export async function waitForCatalog(
  replica: Replica,
  token: string,
  entityRefs: string[],
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let missing = entityRefs;
  while (Date.now() < deadline) {
    const res = await httpJson(
      'POST',
      `${replica.baseUrl}/api/catalog/entities/by-refs`,
      { token, body: { entityRefs, fields: ['metadata.name'] } },
    );
    if (res.status === 200) {
      missing = entityRefs.filter((_, i) => !res.body.items[i]);
      if (missing.length === 0) return;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `the catalog did not learn ${missing.join(', ')} within ${
      timeoutMs / 1000
    }s`,
  );
}
