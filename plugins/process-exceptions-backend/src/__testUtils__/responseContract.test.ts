import { contractBreach } from './responseContract';

describe('the response contract check', () => {
  it('accepts a response the spec describes', () => {
    expect(
      contractBreach(
        'GET',
        '/v1/findings',
        200,
        'application/json; charset=utf-8',
        JSON.stringify({ items: [], nextCursor: null }),
      ),
    ).toBeUndefined();
  });

  it('names a status the spec does not list for the operation', () => {
    expect(
      contractBreach('GET', '/v1/findings', 418, 'application/json', '{}'),
    ).toBe('GET /v1/findings answered 418, which the spec does not list');
  });

  it('names the field of a body that breaks the schema', () => {
    expect(
      contractBreach(
        'GET',
        '/v1/exceptions/abc',
        404,
        'application/json',
        JSON.stringify({ error: { name: 'NotFoundError' } }),
      ),
    ).toMatch(
      /^GET \/v1\/exceptions\/\{id\} 404: \/error must have required property 'message'/,
    );
  });

  it('names a content type the spec does not declare', () => {
    expect(
      contractBreach('GET', '/v1/findings', 200, 'text/html', '<p>hi</p>'),
    ).toMatch(/answered text\/html, the spec declares application\/json/);
  });

  it('leaves routes outside the plugin API alone', () => {
    expect(
      contractBreach('GET', '/.well-known/thing', 200, 'text/plain', 'x'),
    ).toBeUndefined();
  });
});
