/** The response body as every browser's `getContent` reports it, in one shape. */

export interface ResponseContent {
  body: string;
  encoding?: 'base64';
}

/**
 * Accepts what `getContent` resolves to, or what its callback receives as an array:
 * Chrome's native promise `{content, encoding}`, the polyfill's `[content, encoding]`,
 * Firefox's `[content, mimeType]` and the callback's `(content, encoding)`.
 * Null when there is no body to read.
 */
export function normaliseContent(result: unknown): ResponseContent | null {
  let content: unknown;
  let second: unknown;
  if (Array.isArray(result)) [content, second] = result;
  else if (typeof result === 'object' && result !== null) {
    content = (result as { content?: unknown }).content;
    second = (result as { encoding?: unknown }).encoding;
  } else return null;
  if (typeof content !== 'string' || content === '') return null;
  // Firefox puts a MIME type where Chrome puts the encoding; only `base64` changes the reading.
  return second === 'base64' ? { body: content, encoding: 'base64' } : { body: content };
}
