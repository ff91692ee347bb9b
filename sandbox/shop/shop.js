// Sends each button's scenario to its provider's real host and logs the status that came back.
// The calls come from the page's embedded JSON: {id: {name, host, listed, method, path, headers, body}}.

const scenarios = JSON.parse(document.getElementById('scenarios')?.textContent ?? '{}');
const insightCases = JSON.parse(document.getElementById('insight-cases')?.textContent ?? '[]');
const log = document.getElementById('log');

/** The provider's host on this page's scheme and port, which the browser maps to the sandbox. */
function urlOf(scenario) {
  const port = location.port ? `:${location.port}` : '';
  const url = new URL(scenario.path, `${location.protocol}//${scenario.host}${port}`);
  url.searchParams.set('scenario', scenario.name);
  return url;
}

function record(id, scenario, url, status) {
  const item = document.createElement('li');
  item.dataset.scenario = id;
  item.dataset.status = String(status);
  item.dataset.listed = String(scenario.listed);
  // textContent: nothing received is ever parsed as markup.
  item.textContent = `${scenario.method} ${url.host}${url.pathname} → ${status}`;
  log?.prepend(item);
}

/** A header value, or a clock reading taken now: {clock, offsetSeconds}. */
function headerValue(value) {
  if (typeof value === 'string') return value;
  const at = Date.now() + value.offsetSeconds * 1000;
  if (value.clock === 'rfc-3339') return new Date(at).toISOString();
  return String(value.clock === 'unix-milliseconds' ? at : Math.floor(at / 1000));
}

/**
 * A "Why here" case: its steps in order, each sent `times` times, each sending after its
 * delay, with the step's headers, host and body fields in place of the scenario's.
 */
async function runCase(id) {
  const insightCase = insightCases.find((candidate) => candidate.id === id);
  for (const step of insightCase?.steps ?? []) {
    const sendings = [];
    for (let sent = 0; sent < (step.times ?? 1); sent++) {
      if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
      // Read per sending: a clock reading is the time it leaves.
      const headers = Object.fromEntries(
        Object.entries(step.headers ?? {}).map(([name, value]) => [name, headerValue(value)]),
      );
      const sending = send(step.scenario, headers, { host: step.host, body: step.body });
      if (step.together) sendings.push(sending);
      else await sending;
    }
    await Promise.all(sendings);
  }
  // Last in the log: every step's answer is in.
  const item = document.createElement('li');
  item.dataset.insightCase = id;
  item.textContent = `Why here: ${insightCase?.label ?? id} done`;
  log?.prepend(item);
}

/** The scenario's JSON body with some top-level fields replaced. */
function withFields(body, fields) {
  return fields ? JSON.stringify({ ...JSON.parse(body ?? '{}'), ...fields }) : body;
}

async function send(id, extraHeaders = {}, { host, body } = {}) {
  const found = scenarios[id];
  if (!found) return;
  const scenario = {
    ...found,
    host: host ?? found.host,
    headers: { ...found.headers, ...extraHeaders },
    body: withFields(found.body, body),
  };
  const url = urlOf(scenario);
  let status;
  try {
    const response = await fetch(url, {
      method: scenario.method,
      headers: scenario.headers,
      body: scenario.body,
    });
    await response.arrayBuffer();
    status = response.status;
  } catch {
    status = 'network error';
  }
  record(id, scenario, url, status);
}

/** Asks the shop's own backend to make the call; the browser never reaches the provider. */
async function checkOutOnServer(id) {
  let status;
  try {
    const response = await fetch(`/server-checkout?scenario=${encodeURIComponent(id)}`, { method: 'POST' });
    const answer = await response.json();
    status = answer.providerStatus ?? response.status;
  } catch {
    status = 'network error';
  }
  const item = document.createElement('li');
  item.dataset.serverCheckout = id;
  item.dataset.status = String(status);
  item.textContent = `POST /server-checkout (${id}) → provider said ${status}`;
  log?.prepend(item);
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const server = target?.closest('[data-server-checkout]');
  if (server instanceof HTMLButtonElement) {
    checkOutOnServer(server.dataset.serverCheckout);
    return;
  }
  const single = target?.closest('[data-scenario]');
  if (single instanceof HTMLButtonElement) {
    send(single.dataset.scenario);
    return;
  }
  const insightCase = target?.closest('[data-insight-case]');
  if (insightCase instanceof HTMLButtonElement) {
    runCase(insightCase.dataset.insightCase);
    return;
  }
  const burst = target?.closest('[data-burst]');
  if (burst instanceof HTMLButtonElement) {
    for (let i = 0; i < Number(burst.dataset.count); i++) send(burst.dataset.burst);
  }
});

for (const button of document.querySelectorAll('[data-autorun]')) send(button.dataset.scenario);
