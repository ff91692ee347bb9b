import { readBody } from '../body';
import { redactorFor } from '../redact';
import type { Exchange } from '../types';

/** Enough of a body for a ticket; the rest is in the user's own capture. */
const MAX_SHOWN = 20_000;

/** The response body as it may be shown: redacted, pretty-printed when JSON, bounded. */
export function shownResponseBody(exchange: Exchange): { text: string; language: 'json' | 'text' } | null {
  const body = readBody(exchange.responseBody, exchange.responseEncoding);
  const redact = redactorFor(exchange);
  let text: string;
  let language: 'json' | 'text' = 'text';
  if (body.json !== undefined) {
    text = JSON.stringify(redact.json(body.json), null, 2);
    language = 'json';
  } else if (body.text !== undefined) {
    // Redacted whole, then cut: a cut first could split a secret past recognition.
    text = redact.text(body.text);
  } else {
    return null;
  }
  if (text.length > MAX_SHOWN) {
    text = `${text.slice(0, MAX_SHOWN)}\n… (${text.length - MAX_SHOWN} more characters not shown)`;
  }
  return { text, language };
}
