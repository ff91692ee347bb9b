/**
 * Every catalog rule has a scenario, and PayLens's own matcher, fed what the sandbox really
 * answers, explains each scenario with the rule it was made for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../lib/matcher';
import { providers, type Rule } from '../../lib/providers';
import type { Diagnosis } from '../../lib/types';
import { SCENARIOS } from '../../sandbox/scenarios';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { exchangeOf, type Received, sendScenario } from './client';

const explanation = ({ title, meaning, remedy, category, note }: Rule | Diagnosis) => ({
  title,
  meaning,
  remedy,
  category,
  note,
});

let sandbox: Sandbox;
const received = new Map<string, Received>();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  for (const scenario of SCENARIOS) received.set(scenario.id, await sendScenario(sandbox, scenario));
});
afterAll(() => sandbox.close());

const diagnosisOf = (id: string) => {
  const scenario = SCENARIOS.find((candidate) => candidate.id === id);
  const answer = received.get(id);
  if (!scenario || !answer) throw new Error(`${id} was not sent`);
  return diagnose(exchangeOf(scenario, answer));
};

describe('catalog coverage', () => {
  for (const { id, rules } of providers) {
    rules.forEach((rule, index) => {
      it(`has a scenario for ${id} rule #${index} (${rule.title})`, () => {
        expect(SCENARIOS.some((scenario) => scenario.provider === id && scenario.rule === rule)).toBe(true);
      });
    });
  }

  it('names scenarios <provider>:<name>, uniquely', () => {
    const ids = SCENARIOS.map((scenario) => scenario.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const scenario of SCENARIOS) expect(scenario.id).toBe(`${scenario.provider}:${scenario.name}`);
  });

  it('gives every provider a success, the default answer', () => {
    for (const { id } of providers) expect(SCENARIOS.some((s) => s.id === `${id}:success`)).toBe(true);
  });
});

describe('what the sandbox answers', () => {
  it.for(SCENARIOS)('$id answers with its status and body', (scenario) => {
    const answer = received.get(scenario.id);
    expect(answer?.status).toBe(scenario.answer.status);
    const { body } = scenario.answer;
    if (body instanceof Uint8Array) expect(answer?.body.equals(body)).toBe(true);
    else if (typeof body === 'string') expect(answer?.text).toBe(body);
    else expect(JSON.parse(answer?.text ?? '')).toEqual(body);
  });
});

describe('what PayLens makes of it', () => {
  it.for(SCENARIOS)('$id is listed only when it is a failure', (scenario) => {
    expect(diagnosisOf(scenario.id) !== null).toBe(scenario.listed);
  });

  for (const scenario of SCENARIOS.filter((s) => s.rule)) {
    it(`${scenario.id} is explained by its rule`, () => {
      const diagnosis = diagnosisOf(scenario.id);
      expect(diagnosis?.provider).toBe(scenario.provider);
      expect(diagnosis && explanation(diagnosis)).toEqual(scenario.rule && explanation(scenario.rule));
    });
  }

  it('decodes the JSON served as octet-stream', () => {
    expect(diagnosisOf('kiotapay:octet-json')?.code).toBe('INSUFFICIENT_FUNDS');
  });

  it('notes the HTML gateway page and the binary body', () => {
    expect(diagnosisOf('kiotapay:gateway-502')?.bodyNote).toMatch(/HTML/);
    expect(diagnosisOf('kiotapay:binary-body')?.bodyNote).toMatch(/binary/);
  });
});
