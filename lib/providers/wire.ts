/**
 * A provider's wire examples: for each catalog rule, the request that meets it and the
 * response that carries it, as plain data. The sandbox serves them, the example HARs, the
 * benchmark traffic and the tests' builders take their bodies from them.
 */
import type { Provider, Rule } from './provider';

/** A request on one of the provider's real endpoints, with the credentials it was given. */
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

export interface WireExample {
  /** Unique within the provider: a code, a message slug, `http-<status>`, or a case name. */
  name: string;
  /** A few words for people: the sandbox shop's button says them. */
  label: string;
  call: Call;
  answer: Answer;
  /** Whether PayLens must list the response as a provider failure. */
  listed: boolean;
  /** The catalog rule the answer reproduces. */
  rule?: Rule;
}

/** How one provider answers: built from its catalog rules, plus the cases no rule names. */
export interface ProviderExamples {
  /** Examples for one rule: none when the provider cannot produce it, several for a pattern. */
  forRule(rule: Rule): WireExample[];
  /** Successes and undiagnosable cases. Must include `success`, the answer when none is asked. */
  extras: readonly WireExample[];
  /** The provider's main endpoint, where cases that belong to no endpoint are sent. */
  mainCall: Call;
  /** The example answered to a request whose credentials are not the ones it was given. */
  credentialsRejected: string;
}

/** The secrets a provider's requests carry, by name (an API key, a token, a signature). */
export type Credentials = Readonly<Record<string, string>>;

/** A provider's wire examples, and stand-in credentials for builders that have none of their own. */
export interface ProviderWire<C extends Credentials = Credentials> {
  /** Shaped like real ones; the sandbox plants its own. */
  exampleCredentials: C;
  /** The examples, carrying `credentials`; `sentAt` dates the headers that hold a time. */
  examples(credentials: C, sentAt: Date): ProviderExamples;
}

/**
 * One provider's folder `lib/providers/<id>/`, as the registry lists it: the catalog, and the
 * wire examples loaded on demand, so that the extension's bundle leaves them out. (Its seed
 * document and row parser sit beside them, for the tests.)
 */
export interface ProviderFolder<C extends Credentials = Credentials> {
  catalog: Provider;
  wire(): Promise<ProviderWire<C>>;
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
 * An example for a rule: named by the code or message it sends, else by its outcome or
 * status. `sent` is the message actually sent when the rule matches a pattern.
 */
export function ruleExample(rule: Rule, call: Call, answer: Answer, sent?: string): WireExample {
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
export function gatewayExample(call: Call): WireExample {
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
