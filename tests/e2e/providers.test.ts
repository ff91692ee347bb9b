/** Errors the demo shop fires at each provider's real host name reach the panel, diagnosed. */
import { beforeEach, describe, expect, it } from 'vitest';
import { providers } from '../../lib/providers';
import { HOSTED_FIELDS_SCENARIO } from '../../sandbox/shop/pages';
import { documentedErrors, expectedRow, scenario, usePayLens } from './support';

const paylens = usePayLens();

beforeEach(() => paylens().reset());

describe('errors fired from the shop', () => {
  it.for(providers.map(({ id }) => id))(
    'lists every documented %s error with its provider, code, category and status',
    async (provider) => {
      const session = paylens();
      const errors = documentedErrors(provider);
      // One at a time, each answered before the next: the rows come in the same order.
      for (const error of errors) await session.click(error.id);
      await session.waitForDiagnoses(errors.length);
      expect(await session.rows()).toEqual(errors.map(expectedRow));
    },
  );

  it('catches a Rebell failure inside HTTP 200 and lists no Rebell success', async () => {
    const session = paylens();
    // Both successes are answered, and so diagnosed, before the failure is sent.
    await session.click('rebell:success');
    await session.click('rebell:accepted');
    await session.click('rebell:outcome-failed');
    await session.waitForDiagnoses(1);
    const rows = await session.rows();
    expect(rows).toEqual([expectedRow(scenario('rebell:outcome-failed'))]);
    expect(rows[0]?.status).toBe('200');
  });

  it('captures a request from the hosted-fields iframe of another origin', async () => {
    const session = paylens();
    await session.click(HOSTED_FIELDS_SCENARIO, await session.hostedFields());
    await session.waitForDiagnoses(1);
    expect(await session.rows()).toEqual([expectedRow(scenario(HOSTED_FIELDS_SCENARIO))]);
  });
});
