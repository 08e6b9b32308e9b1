/**
 * Returns the URL when it is an absolute http(s) URL, otherwise undefined.
 *
 * Links come from pipelines, webhooks and people; anything else (e.g.
 * `javascript:`, `data:`, relative paths) must never become an href.
 */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.href;
}

/** Whether the value is an absolute http(s) URL. */
export const isHttpUrl = (value: unknown): boolean =>
  safeUrl(value) !== undefined;
