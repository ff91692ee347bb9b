import { shownResponseBody } from '../lib/format/body';
import { describeMatch, headline } from '../lib/format/describe';
import { type Redactor, redactorFor } from '../lib/redact';
import { COPY_FORMAT_NAMES } from '../lib/settings';
import type { Finding, Header } from '../lib/types';
import type { CopyFormat } from './host';
import { RetryAdvice } from './RetryCountdown';

function Headers({ headers, redact }: { headers: readonly Header[]; redact: Redactor }) {
  if (headers.length === 0) return <p class="muted">No headers recorded.</p>;
  return (
    <dl class="headers">
      {redact.headers(headers).map(({ name, value }, index) => (
        // Names repeat (Set-Cookie), and the list never changes for a given finding.
        <div key={index}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

interface DetailsPaneProps {
  finding: Finding;
  copyFormat: CopyFormat;
  onCopy(format: CopyFormat): void;
  onClose(): void;
}

/**
 * Everything known about one diagnosis. Provider text is always rendered as text, and
 * redacted exactly as a copy would be: screenshots of DevTools get shared too.
 */
export function DetailsPane({ finding, copyFormat, onCopy, onClose }: DetailsPaneProps) {
  const { diagnosis: d, exchange } = finding;
  const redact = redactorFor(exchange);
  const other: CopyFormat = copyFormat === 'markdown' ? 'json' : 'markdown';
  const body = shownResponseBody(exchange);
  return (
    <aside class="details" aria-label="Diagnosis details" data-testid="details-pane">
      <header class="details-header">
        <h2>
          {d.providerName}: {headline(d)}
        </h2>
        <button
          type="button"
          class="icon"
          onClick={onClose}
          title="Close (Escape)"
          aria-label="Close details"
        >
          ×
        </button>
      </header>
      <div class="details-actions">
        <button type="button" onClick={() => onCopy(copyFormat)} title="Copy diagnosis (c)">
          Copy diagnosis
        </button>
        <button type="button" onClick={() => onCopy(other)}>
          Copy as {COPY_FORMAT_NAMES[other]}
        </button>
      </div>
      <div class="details-body">
        <section>
          <h3>
            {d.title} <span class={`tag tag-${d.category}`}>{d.category}</span>
            {!d.documented && <span class="undocumented-note"> not in the provider’s documentation</span>}
          </h3>
          {d.message !== null && <p class="message">{redact.text(d.message)}</p>}
          <p>{d.meaning}</p>
          <p>
            <strong>Remedy:</strong> {d.remedy}
          </p>
          <RetryAdvice retry={d.retry} startedDateTime={d.startedDateTime} />
          {d.note && <p class="note">{d.note}</p>}
          {d.bodyNote && <p class="note">{d.bodyNote}</p>}
          {d.fields.length > 0 && (
            <ul class="fields" aria-label="Field errors">
              {d.fields.map(({ field, message }, index) => (
                <li key={index}>
                  <code>{field}</code>: {redact.text(message)}
                </li>
              ))}
            </ul>
          )}
          <p class="muted">
            {d.providerName} ({d.provider}), {describeMatch(d)}.{' '}
            <a href={d.docsUrl} target="_blank" rel="noreferrer">
              Provider documentation
            </a>
          </p>
        </section>
        <section>
          <h3>Request</h3>
          <p class="mono">
            {d.method} {redact.url(d.url)}
          </p>
          <Headers headers={exchange.requestHeaders} redact={redact} />
        </section>
        <section>
          <h3>Response</h3>
          <p class="mono">HTTP {d.status}</p>
          <Headers headers={exchange.responseHeaders} redact={redact} />
          {body ? <pre class="body">{body.text}</pre> : <p class="muted">No response body recorded.</p>}
        </section>
      </div>
    </aside>
  );
}
