import { type Presentation, presentationOf, type ShownBody } from '../lib/presentation';
import { COPY_FORMAT_NAMES } from '../lib/settings';
import type { Finding, Header } from '../lib/types';
import type { CopyFormat } from '../panel/ports';
import { RetryCountdown } from './RetryCountdown';
import { WhyHere } from './WhyHere';

function Headers({ headers }: { headers: readonly Header[] }) {
  if (headers.length === 0) return <p class="muted">No headers recorded.</p>;
  return (
    <dl class="headers">
      {headers.map(({ name, value }, index) => (
        // Names repeat (Set-Cookie), and the list never changes for a given finding.
        <div key={index}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The request payload as DevTools' Payload tab shows it: form fields decoded, JSON pretty. */
function Payload({ body }: { body: ShownBody | null }) {
  if (!body) return null;
  return (
    <div class="payload" data-testid="request-payload">
      <h4>Payload{body.contentType && <span class="muted"> ({body.contentType})</span>}</h4>
      {body.fields ? <Headers headers={body.fields} /> : <pre class="body">{body.text}</pre>}
    </div>
  );
}

/** Where a backend's diagnosis came from: it has none of the call's headers or bodies. */
function BackendOrigin({ backend }: { backend: NonNullable<Presentation['backend']> }) {
  return (
    <p class="backend-origin" data-testid="backend-origin-details">
      Diagnosed by the backend of <strong>{backend.reportedBy}</strong>, in its response to{' '}
      <code data-testid="page-request">{backend.pageRequest}</code>. The provider call’s headers and bodies
      stayed on that server: see its stderr or its <code>PAYLENS_HAR</code> recording.
    </p>
  );
}

function Summary({ shown }: { shown: Presentation }) {
  return (
    <section>
      {shown.backend && <BackendOrigin backend={shown.backend} />}
      <h3>
        {shown.title} <span class={`tag tag-${shown.category}`}>{shown.category}</span>
        {!shown.documented && <span class="undocumented-note"> not in the provider’s documentation</span>}
      </h3>
      {shown.message !== null && <p class="message">{shown.message}</p>}
      <p>{shown.meaning}</p>
      <p>
        <strong>Remedy:</strong> {shown.remedy}
      </p>
      <RetryCountdown retry={shown.retry} startedDateTime={shown.startedDateTime} />
      {shown.note && <p class="note">{shown.note}</p>}
      {shown.bodyNote && <p class="note">{shown.bodyNote}</p>}
      {shown.fields.length > 0 && (
        <ul class="fields" aria-label="Field errors">
          {shown.fields.map(({ field, message }, index) => (
            <li key={index}>
              <code>{field}</code>: {message}
            </li>
          ))}
        </ul>
      )}
      <p class="muted">
        {shown.providerName} ({shown.provider}), {shown.matchDescription}.{' '}
        <a href={shown.docsUrl} target="_blank" rel="noreferrer">
          Provider documentation
        </a>
      </p>
    </section>
  );
}

interface DetailsPaneProps {
  finding: Finding;
  copyFormat: CopyFormat;
  onCopy(format: CopyFormat): void;
  onCopyCurl(): void;
  onClose(): void;
  /** Opens the catalog at the documented rows of this diagnosis's provider and category. */
  onOpenCatalog(): void;
  /** Whether entry `index` of this diagnosis's capture is listed, and selecting it. */
  isListed(index: number): boolean;
  onShowEntry(index: number): void;
  onCopySupportId(value: string): void;
}

/**
 * Everything known about one diagnosis, rendered from its redacted presentation: exactly
 * what a copy would carry, since screenshots of DevTools get shared too.
 */
export function DetailsPane({
  finding,
  copyFormat,
  onCopy,
  onCopyCurl,
  onClose,
  onOpenCatalog,
  isListed,
  onShowEntry,
  onCopySupportId,
}: DetailsPaneProps) {
  const shown = presentationOf(finding);
  const other: CopyFormat = copyFormat === 'markdown' ? 'json' : 'markdown';
  const body = shown.responseBody;
  return (
    <aside class="details" aria-label="Diagnosis details" data-testid="details-pane">
      <header class="details-header">
        <h2>
          {shown.providerName}: {shown.headline}
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
        <button
          type="button"
          onClick={onCopyCurl}
          title="Copy the request as a curl command, secrets as variables (u)"
        >
          Copy as cURL
        </button>
      </div>
      <div class="details-body">
        <WhyHere
          shown={shown}
          isListed={isListed}
          onShowEntry={onShowEntry}
          onCopySupportId={onCopySupportId}
        />
        <Summary shown={shown} />
        <p>
          <button type="button" class="link" data-testid="open-catalog-at" onClick={onOpenCatalog}>
            All {shown.providerName} {shown.category} errors
          </button>
        </p>
        <section>
          <h3>Request</h3>
          <p class="mono">
            {shown.method} {shown.url}
          </p>
          <Headers headers={shown.requestHeaders} />
          <Payload body={shown.requestBody} />
        </section>
        <section>
          <h3>Response</h3>
          <p class="mono">HTTP {shown.status}</p>
          <Headers headers={shown.responseHeaders} />
          {body ? <pre class="body">{body.text}</pre> : <p class="muted">No response body recorded.</p>}
        </section>
      </div>
    </aside>
  );
}
