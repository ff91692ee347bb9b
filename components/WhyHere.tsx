import type { Presentation } from '../lib/presentation';

interface WhyHereProps {
  shown: Presentation;
  /** Whether entry `index` of this capture is a diagnosis in the timeline, to link to. */
  isListed(index: number): boolean;
  onShowEntry(index: number): void;
  onCopySupportId(value: string): void;
}

/**
 * Why it happened here: the session analyzer's insights, each with the entries that prove
 * it, and the ids the provider's support asks for. Placed first: it is what the developer
 * came for.
 */
export function WhyHere({ shown, isListed, onShowEntry, onCopySupportId }: WhyHereProps) {
  if (shown.insights.length === 0 && shown.supportIds.length === 0) return null;
  return (
    <section class="why-here" data-testid="why-here">
      {shown.insights.length > 0 && (
        <>
          <h3>Why here</h3>
          <ul>
            {shown.insights.map(({ kind, text, related }) => (
              <li key={kind} data-kind={kind}>
                {text}
                {related.map((index) =>
                  isListed(index) ? (
                    <button
                      key={index}
                      type="button"
                      class="link related"
                      data-testid="related-entry"
                      onClick={() => onShowEntry(index)}
                    >
                      entry #{index}
                    </button>
                  ) : (
                    <span key={index} class="related muted" title="Not a diagnosis: it is not in the list">
                      entry #{index}
                    </span>
                  ),
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {shown.supportIds.length > 0 && (
        <dl class="support-ids" aria-label="Support ids">
          {shown.supportIds.map(({ name, value }) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                <code>{value}</code>{' '}
                <button
                  type="button"
                  class="link"
                  data-testid="copy-support-id"
                  title={`Copy ${name} for the provider's support`}
                  onClick={() => onCopySupportId(value)}
                >
                  Copy
                </button>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
