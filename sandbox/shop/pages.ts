/**
 * The demo shop's pages: plain HTML with one button per scenario, the scenarios' calls
 * embedded as JSON for shop.js, no external resources.
 */
import type { Scenario, ScenarioSet } from '../scenarios';
import { INSIGHT_CASES } from './insight-cases';

export const SHOP_HOST = 'shop.test';
/** The hosted-fields iframe's origin, another site than the shop's. */
export const HOSTED_FIELDS_HOST = 'pay.test';

/** Many requests at once: the provider's 5 requests per second limit answers each of them. */
export const BURST = { scenario: 'alternative-payments:http-429', count: 50 } as const;
export const HOSTED_FIELDS_SCENARIO = 'payfield:insufficient-balance';
/** The order page polls the payment as it loads, so a navigation always brings a fresh request. */
export const ORDER_PAGE = { polled: 'rebell:PAYMENT_IN_PROCESS', other: 'rebell:success' } as const;

/**
 * Checkouts the shop's backend makes (sandbox/shop/backend.ts, with the PayLens hook): the
 * browser sees only its request to the shop, whose response carries the diagnoses.
 */
export const SERVER_CHECKOUTS = ['kiotapay:AUTH_INVALID_TOKEN', HOSTED_FIELDS_SCENARIO] as const;

/** The origin a host has for the page being served: same scheme, same port. */
export type OriginOf = (host: string) => string;

function html(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

function scenario(scenarios: ScenarioSet, id: string): Scenario {
  const found = scenarios.byId(id);
  if (!found) throw new Error(`No scenario ${id}`);
  return found;
}

/** What shop.js needs to send each scenario; `<` escaped so the JSON cannot close its script. */
function scenarioData(scenarios: readonly Scenario[]): string {
  const data = Object.fromEntries(
    scenarios.map(({ id, name, host, call, listed }) => [id, { name, host, listed, ...call }]),
  );
  return JSON.stringify(data).replaceAll('<', '\\u003c');
}

function page(title: string, scenarios: readonly Scenario[], body: string, bodyClass = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/shop.css">
<script type="application/json" id="scenarios">${scenarioData(scenarios)}</script>
<script type="application/json" id="insight-cases">${JSON.stringify(INSIGHT_CASES).replaceAll('<', '\\u003c')}</script>
<script type="module" src="/shop.js"></script>
</head>
<body${bodyClass ? ` class="${bodyClass}"` : ''}>
${body}
</body>
</html>
`;
}

function button(scenario: Scenario, label = scenario.label, extra = ''): string {
  const { id, call, answer } = scenario;
  return `<button type="button" data-scenario="${html(id)}" data-expected-status="${answer.status}" data-listed="${scenario.listed}"${extra} title="${html(`${call.method} ${call.path}`)}"><span class="status">${answer.status}</span> ${html(label)}</button>`;
}

const LOG = '<ol id="log" reversed></ol>';

function providerSection(
  id: string,
  name: string,
  hosts: readonly string[],
  all: readonly Scenario[],
): string {
  const own = all.filter((scenario) => scenario.provider === id);
  const group = (heading: string, scenarios: readonly Scenario[]) =>
    scenarios.length === 0
      ? ''
      : `<h3>${heading}</h3>\n<div class="buttons">\n${scenarios.map((s) => button(s)).join('\n')}\n</div>`;
  const documented = group(
    'Documented errors',
    own.filter((s) => s.rule),
  );
  const others = group(
    'Successes and other cases',
    own.filter((s) => !s.rule),
  );
  return `<section class="provider" id="${html(id)}">
<h2>${html(name)} <small>${hosts.map(html).join(', ')}</small></h2>
${documented}
${others}
</section>`;
}

export function shopPage(originOf: OriginOf, scenarios: ScenarioSet): string {
  const burst = scenario(scenarios, BURST.scenario);
  const body = `<header>
<h1>PayLens demo shop</h1>
<p>Every button sends one request to a payment provider’s real host name; a local sandbox answers
as that provider would. Open DevTools and the PayLens panel to see each failure explained.</p>
<nav><a id="navigate" href="/order">Go to order review →</a></nav>
</header>
<main>
<div class="scenarios">
<section class="tools">
<h2>Checkout widgets</h2>
<div class="buttons">
<button type="button" data-burst="${html(burst.id)}" data-count="${BURST.count}" data-expected-status="${burst.answer.status}" data-listed="${burst.listed}"><span class="status">${burst.answer.status}</span> Burst: ${BURST.count} requests at once</button>
</div>
<p>Server-side checkout: the shop’s backend calls the provider, with the PayLens hook loaded.</p>
<div class="buttons">
${SERVER_CHECKOUTS.map((id) => {
  const { answer, label } = scenario(scenarios, id);
  return `<button type="button" data-server-checkout="${html(id)}" data-expected-status="${answer.status}"><span class="status">${answer.status}</span> Server: ${html(label)}</button>`;
}).join('\n')}
</div>
<h2>Why here</h2>
<div class="buttons">
${INSIGHT_CASES.map(({ id, label }) => `<button type="button" data-insight-case="${html(id)}">${html(label)}</button>`).join('\n')}
</div>
<p>Hosted card fields, served from another origin (${HOSTED_FIELDS_HOST}):</p>
<iframe id="hosted-fields" title="Hosted card fields" src="${html(originOf(HOSTED_FIELDS_HOST))}/hosted-fields"></iframe>
</section>
${scenarios.providers.map(({ id, name, hosts }) => providerSection(id, name, hosts, scenarios.all)).join('\n')}
</div>
<aside><h2>Sent</h2>${LOG}</aside>
</main>`;
  // The burst and hosted-fields scenarios are in the provider sections too, so all are embedded.
  return page('PayLens demo shop', scenarios.all, body);
}

export function orderPage(scenarios: ScenarioSet): string {
  const polled = scenario(scenarios, ORDER_PAGE.polled);
  const other = scenario(scenarios, ORDER_PAGE.other);
  const body = `<header>
<h1>Order review</h1>
<p>This page asks the provider for the payment’s status as soon as it loads.</p>
<nav><a id="back" href="/">← Back to the shop</a></nav>
</header>
<main>
<div class="scenarios">
<section class="tools">
<div class="buttons">
${button(polled, polled.label, ' data-autorun')}
${button(other)}
</div>
</section>
</div>
<aside><h2>Sent</h2>${LOG}</aside>
</main>`;
  return page('Order review · PayLens demo shop', [polled, other], body);
}

export function hostedFieldsPage(scenarios: ScenarioSet): string {
  const pay = scenario(scenarios, HOSTED_FIELDS_SCENARIO);
  const body = `<form>
<label>Card number <input value="4111 1111 1111 1111" readonly autocomplete="off"></label>
<label>Expiry <input value="12 / 30" readonly autocomplete="off"></label>
${button(pay, 'Pay out 5 000.00 KZT')}
</form>
${LOG}`;
  return page('Hosted card fields', [pay], body, 'hosted');
}
