/** Small phrases shared by the human-readable formats. */
import type { Diagnosis, Retry } from '../types';

export function describeRetry({ advice, afterSeconds }: Retry): string {
  switch (advice) {
    case 'no':
      return 'Do not retry as is: fix the request or the account first.';
    case 'backoff':
      return 'Retry with exponential backoff.';
    case 'after':
      return `Retry after ${afterSeconds ?? 0} s, as the response asks.`;
    case 'poll':
      return 'Do not resend: query the operation’s status until it settles.';
  }
}

export function describeMatch(diagnosis: Diagnosis): string {
  return diagnosis.match === 'host'
    ? `matched by host`
    : `matched by body shape on a host that is not ${diagnosis.providerName}’s`;
}

/** `AUTH_INVALID_TOKEN`, else the message, else the title: what names this error. */
export function headline(diagnosis: Diagnosis): string {
  return diagnosis.code ?? diagnosis.message ?? diagnosis.title;
}
