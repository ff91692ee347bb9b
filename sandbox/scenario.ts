/** What a sandbox scenario is: the request the shop sends and what the provider answers. */
import type { Rule } from '../lib/providers';

/** A request on one of the provider's real endpoints, with planted credentials. */
export interface Call {
  method: string;
  path: string;
  headers: Readonly<Record<string, string>>;
  body?: string;
}

export interface Answer {
  status: number;
  /** A JSON value; or, with `contentType`, text or bytes sent as they are. */
  body?: unknown;
  contentType?: string;
  headers?: Readonly<Record<string, string>>;
}

export interface Draft {
  /** Unique within the provider: a code, a message slug, `http-<status>`, or a case name. */
  name: string;
  /** What the shop's button says. */
  label: string;
  call: Call;
  answer: Answer;
  /** Whether PayLens must list the response as a provider failure. */
  listed: boolean;
  /** The catalog rule the answer reproduces. */
  rule?: Rule;
}

export interface Scenario extends Draft {
  /** `<provider>:<name>`, the `data-scenario` of the shop's buttons. */
  id: string;
  /** The catalog id. */
  provider: string;
  /** Where the shop sends the call: the provider's first host. */
  host: string;
}

/** How one provider answers: built from its catalog rules, plus the cases no rule names. */
export interface ProviderSandbox {
  id: string;
  /** Scenarios for one rule: none when the sandbox cannot produce it, several for a pattern. */
  forRule(rule: Rule): Draft[];
  /** Successes and undiagnosable cases. Must include `success`, the answer when none is asked. */
  extras: readonly Draft[];
  /** The provider's main endpoint, where cases that belong to no endpoint are sent. */
  mainCall: Call;
  /** The scenario answered to a request whose credentials are not the planted ones. */
  credentialsRejected: string;
}

export const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' } as const;

/** `Shop with code 'X' not found.` → `shop-with-code-not-found`: values and details left out. */
function slug(text: string): string {
  return (text.replace(/'[^']*'/g, '').split(/[.:]/)[0] ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * A scenario for a rule: named by the code or message it sends, else by its outcome or
 * status. `sent` is the message actually sent when the rule matches a pattern.
 */
export function ruleDraft(rule: Rule, call: Call, answer: Answer, sent?: string): Draft {
  const { code, message, outcome } = rule.when;
  const text = sent ?? (typeof message === 'string' ? message : undefined);
  const codeName = typeof code === 'string' ? code : code?.[0];
  const name = codeName ?? (text ? slug(text) : outcome ? `outcome-${outcome}` : `http-${answer.status}`);
  return { name, label: codeName ?? text ?? rule.title, call, answer, listed: true, rule };
}

/** The message a rule names, or the documented ones its pattern matches. */
export function messagesFor(rule: Rule, documented: readonly string[]): string[] {
  const { message } = rule.when;
  if (message === undefined) return [];
  return typeof message === 'string' ? [message] : documented.filter((text) => message.test(text));
}

/** What a gateway in front of any provider answers when the provider is down. */
export function gatewayDraft(call: Call): Draft {
  return {
    name: 'gateway-502',
    label: 'HTML gateway page',
    call,
    answer: {
      status: 502,
      contentType: 'text/html',
      body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    },
    listed: true,
  };
}

/** Markup a provider might echo back from user input; the panel must show it as text. */
export const HOSTILE_MARKUP = '<img src=x onerror="window.__xss=1">';
