/** A request header by name, whatever case the transport delivered it in. */
export function headerValue(
  headers: Record<string, string | undefined>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) {
      const trimmed = value.trim();
      return trimmed === '' ? undefined : trimmed;
    }
  }
  return undefined;
}
