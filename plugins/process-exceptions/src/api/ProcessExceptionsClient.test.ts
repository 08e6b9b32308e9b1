import { ResponseError } from '@backstage/errors';
import { ProcessExceptionsClient } from './ProcessExceptionsClient';

function jsonResponse(status: number, body: unknown) {
  const text = JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: status === 200 ? 'OK' : 'Bad Request',
    headers: new Map([['content-type', 'application/json; charset=utf-8']]),
    json: async () => JSON.parse(text),
    text: async () => text,
  };
}

function setup(response = jsonResponse(200, { items: [], nextCursor: null })) {
  const fetch = jest.fn().mockResolvedValue(response);
  const client = new ProcessExceptionsClient({
    discoveryApi: {
      getBaseUrl: async () => 'http://backstage/api/process-exceptions',
    },
    fetchApi: { fetch },
  });
  return { client, fetch };
}

describe('ProcessExceptionsClient', () => {
  it('asks for one page of exceptions with the given filters and cursor', async () => {
    const { client, fetch } = setup();
    await client.listExceptions({
      entityRef: 'component:default/payments',
      status: 'overdue',
      limit: 20,
      cursor: 'abc=',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/process-exceptions/v1/exceptions?entityRef=component%3Adefault%2Fpayments&status=overdue&limit=20&cursor=abc%3D',
      { method: 'GET' },
    );
  });

  it('leaves out filters that are not set', async () => {
    const { client, fetch } = setup();
    await client.listExceptions({ entityRef: 'component:default/a' });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage/api/process-exceptions/v1/exceptions?entityRef=component%3Adefault%2Fa',
    );
  });

  it('encodes path parts such as task keys with colons', async () => {
    const { client, fetch } = setup(jsonResponse(200, { id: 'e/1' }));
    await client.completeTask({
      exceptionId: 'e/1',
      taskKey: 'gap:copy',
      evidenceUrl: 'https://example.com/pr/1',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/process-exceptions/v1/exceptions/e%2F1/tasks/gap%3Acopy/complete',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ evidenceUrl: 'https://example.com/pr/1' }),
      },
    );
  });

  it('posts an acknowledgement with the name and reason', async () => {
    const { client, fetch } = setup(jsonResponse(200, { finding: {} }));
    await client.acknowledgeFinding({
      findingId: 'f1',
      name: 'Hotfix for INC-1',
      reason: 'Forgot to label',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage/api/process-exceptions/v1/findings/f1/acknowledge',
    );
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({
      name: 'Hotfix for INC-1',
      reason: 'Forgot to label',
    });
  });

  it('turns an error response into a ResponseError carrying the server message', async () => {
    const { client } = setup(
      jsonResponse(400, {
        error: { name: 'InputError', message: 'evidenceUrl must be a URL' },
        response: { statusCode: 400 },
      }),
    );
    const error = await client.getScorecard({ groupBy: 'owner' }).catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.cause.message).toBe('evidenceUrl must be a URL');
  });
});
