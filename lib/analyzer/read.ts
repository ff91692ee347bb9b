/** Defensive reads of an exchange's headers and times: captures may hold anything. */

export function headerValue(headers: unknown, lowerName: string): string | undefined {
  if (!Array.isArray(headers)) return undefined;
  for (const header of headers) {
    const name: unknown = header?.name;
    if (typeof name === 'string' && name.length === lowerName.length && name.toLowerCase() === lowerName) {
      const value: unknown = header.value;
      return typeof value === 'string' ? value : undefined;
    }
  }
  return undefined;
}

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** A response's `Date` in epoch ms; only the HTTP date format, which Date.parse reads the same everywhere. */
export function serverDateMs(responseHeaders: unknown): number | undefined {
  const value = headerValue(responseHeaders, 'date')?.trim();
  if (value === undefined || !HTTP_DATE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export const wholeSeconds = (ms: number): number => Math.round(ms / 1000);
