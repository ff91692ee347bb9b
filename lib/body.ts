/** Turns a recorded response body into JSON when it can, and says why when it cannot. */

/** Bodies above this many characters are not parsed: a diagnosis must stay cheap. */
export const MAX_BODY_CHARS = 1_000_000;

export interface BodyRead {
  /** The parsed body, when it was JSON. */
  json?: unknown;
  /** The decoded text, when it could be decoded and was within the limit. */
  text?: string;
  /** Why the body could not be read as JSON; absent for JSON and for empty bodies. */
  note?: string;
}

const NOTES = {
  tooLarge: `The response body is larger than ${MAX_BODY_CHARS / 1_000_000} MB and was not read.`,
  badBase64: 'The response body was recorded as base64 but is not valid base64.',
  binary: 'The response body is binary, not text.',
  badJson: 'The response body is not valid JSON (it may be truncated).',
  html: 'The response is an HTML page, not the provider’s JSON (often a gateway or proxy error page).',
  notJson: 'The response body is not JSON.',
};

function decodeBase64(data: string): string | null {
  let binary: string;
  try {
    binary = atob(data.replace(/\s+/g, ''));
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder('utf-8').decode(bytes);
}

/** NUL or a run of other control characters: text no API would send. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 512);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
  return /\u0000|[\u0001-\u0008\u000e-\u001f]{4}/.test(sample);
}

export function readBody(body: unknown, encoding?: unknown): BodyRead {
  // Captures come from browsers and files: a body of another type is as good as none.
  if (typeof body !== 'string' || body === '') return {};
  const base64 = encoding === 'base64';
  // base64 is 4/3 the size of what it carries.
  if (body.length > (base64 ? (MAX_BODY_CHARS * 4) / 3 : MAX_BODY_CHARS)) return { note: NOTES.tooLarge };
  const decoded = base64 ? decodeBase64(body) : body;
  if (decoded === null) return { note: NOTES.badBase64 };
  // A byte-order mark is not part of the JSON.
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  const first = text.charAt(0);
  const start = first === '{' || first === '[' ? first : text.trimStart().charAt(0);
  if (start === '{' || start === '[') {
    // Parsed before the binary test, which only a failed parse needs: JSON cannot hold the
    // control characters that test looks for.
    try {
      return { json: JSON.parse(text), text };
    } catch {
      return looksBinary(text) ? { note: NOTES.binary } : { text, note: NOTES.badJson };
    }
  }
  if (looksBinary(text)) return { note: NOTES.binary };
  if (start === '') return {};
  return { text, note: start === '<' ? NOTES.html : NOTES.notJson };
}

/**
 * `a=1&b=two`, with no white space: what browsers send for a form, whatever it is labelled.
 * base64 (`YWJj+ZA==`) is not one: its `=` pad a value that would start with one.
 */
const FORM_SHAPED = /^[^\s=&]+=(?:[^\s&=][^\s&]*)?(?:&[^\s=&]+=(?:[^\s&=][^\s&]*)?)*$/;

/**
 * A form body, by its Content-Type or by its shape: a HAR keeps a form's type in
 * `postData.mimeType`, which the headers may lack, and a body of `cvc=246&pin=1357` is read
 * as one whatever it is called.
 */
export function isFormBody(body: string, contentType: string | null): boolean {
  return (
    contentType?.toLowerCase().includes('application/x-www-form-urlencoded') === true ||
    FORM_SHAPED.test(body)
  );
}
