import { ConfigReader } from '@backstage/config';
import { readWebhookSettings } from './readWebhookSettings';

const webhooks = (value: object) =>
  new ConfigReader({ processExceptions: { webhooks: value } });

describe('readWebhookSettings', () => {
  it('reads the secret of each configured source', () => {
    expect(
      readWebhookSettings(webhooks({ github: { secret: 's3cret' } })),
    ).toEqual({ secrets: { github: 's3cret' }, allowUnsigned: false });
    expect(readWebhookSettings(new ConfigReader({}))).toEqual({
      secrets: {},
      allowUnsigned: false,
    });
  });

  it('refuses a source listed without its secret, naming the key', () => {
    // What `secret: ${GITHUB_WEBHOOK_SECRET}` reads as when the variable is unset.
    expect(() =>
      readWebhookSettings(webhooks({ unleash: { secret: 'x' }, github: {} })),
    ).toThrow("'processExceptions.webhooks.github.secret'");
  });

  it('accepts a source without a secret when unsigned deliveries are allowed', () => {
    expect(
      readWebhookSettings(webhooks({ allowUnsigned: true, github: {} })),
    ).toEqual({ secrets: {}, allowUnsigned: true });
  });
});
