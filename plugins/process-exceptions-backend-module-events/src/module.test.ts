import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createHmac } from 'crypto';
import eventsPlugin from '@backstage/plugin-events-backend';
import request from 'supertest';
import { eventsModuleProcessExceptionsIngress } from './module';

describe('eventsModuleProcessExceptionsIngress', () => {
  async function start() {
    const { server } = await startTestBackend({
      features: [
        eventsPlugin,
        eventsModuleProcessExceptionsIngress,
        mockServices.rootConfig.factory({
          data: {
            processExceptions: {
              webhooks: {
                launchdarkly: { secret: 'ld-secret' },
                unleash: { secret: 'shared' },
              },
            },
          },
        }),
      ],
    });
    return server;
  }
  const body = JSON.stringify({ _id: 'x', kind: 'flag' });
  const sign = (secret: string) =>
    createHmac('sha256', secret).update(body).digest('hex');

  it('accepts a correctly signed LaunchDarkly delivery onto its topic', async () => {
    const res = await request(await start())
      .post('/api/events/http/launchdarkly')
      .set('Content-Type', 'application/json')
      .set('X-LD-Signature', sign('ld-secret'))
      .send(body);
    expect(res.status).toBe(202);
  });

  it('rejects a wrong signature, a wrong shared secret and a source without a secret', async () => {
    const server = await start();
    const wrong = await request(server)
      .post('/api/events/http/launchdarkly')
      .set('Content-Type', 'application/json')
      .set('X-LD-Signature', sign('other'))
      .send(body);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/x-ld-signature/);
    const unleash = await request(server)
      .post('/api/events/http/unleash')
      .set('Content-Type', 'application/json')
      .set('Authorization', 'not-shared')
      .send(body);
    expect(unleash.status).toBe(401);
    const flagsmith = await request(server)
      .post('/api/events/http/flagsmith')
      .set('Content-Type', 'application/json')
      .send(body);
    expect(flagsmith.status).toBe(401);
    expect(flagsmith.body.error.message).toMatch(/no secret is configured/);
  });
});
