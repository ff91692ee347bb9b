import type { Rule } from '../provider';
import { type Call, JSON_HEADERS, type ProviderExamples, type ProviderWire, ruleExample } from '../wire';

export type AlternativePaymentsCredentials = {
  /** `client_id:client_secret` in base64, for POST /oauth/token. */
  basic: string;
  /** The bearer token /oauth/token issues. */
  token: string;
};

export const alternativePaymentsExampleCredentials: AlternativePaymentsCredentials = {
  basic: btoa('ap_client_example:ap_secret_example'),
  token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhcF9jbGllbnRfZXhhbXBsZSJ9.c2lnbmF0dXJl',
};

/** Every error, whatever the endpoint: `{"error": {"message"}}`. */
export function alternativePaymentsError(message: string) {
  return { error: { message } };
}

const PAYMENT_REQUEST_ID = 'b5e3c2a8-4f1d-4c7e-9a2b-6d8f0e1c3a57';
/** 400 puts its detail in `error.message`, and so do the other errors seen. */
const MESSAGE_OF_STATUS: Record<number, string> = {
  400: 'redirect_url is required',
  401: 'Access token is missing or expired',
  403: 'Invalid client credentials',
  404: `Payment request ${PAYMENT_REQUEST_ID} not found`,
  422: 'Currency XYZ is not supported',
  429: 'Too many requests',
  500: 'Internal server error',
};

export function alternativePaymentsExamples({
  basic,
  token,
}: AlternativePaymentsCredentials): ProviderExamples {
  const bearer = { ...JSON_HEADERS, Authorization: `Bearer ${token}` };

  const createPaymentRequest: Call = {
    method: 'POST',
    path: '/payment/request',
    headers: bearer,
    // Amounts are integers in the smallest currency unit.
    body: JSON.stringify({
      amount: 4990,
      currency: 'USD',
      redirect_url: 'https://shop.test/checkout/return',
      reference_id: 'ORD-SANDBOX-0042',
    }),
  };
  const getPaymentRequest: Call = {
    method: 'GET',
    path: `/payment/request/${PAYMENT_REQUEST_ID}`,
    headers: bearer,
  };
  const getToken: Call = {
    method: 'POST',
    path: '/oauth/token',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${basic}`,
    },
    body: 'grant_type=client_credentials',
  };

  /** The first is where rows for "Any" endpoint are sent. */
  const CALLS = [createPaymentRequest, getPaymentRequest, getToken];

  /** Rows are keyed by endpoint: send each on the first endpoint its method and path admit. */
  const callFor = (rule: Rule): Call | undefined => {
    const { method, path } = rule.when;
    return CALLS.find(
      (candidate) => (!method || method === candidate.method) && (!path || path.test(candidate.path)),
    );
  };

  return {
    credentialsRejected: 'http-401',
    mainCall: createPaymentRequest,
    forRule(rule) {
      const call = callFor(rule);
      const status = rule.when.status;
      if (!call || status === undefined) return [];
      const message = MESSAGE_OF_STATUS[status] ?? rule.title;
      return [ruleExample(rule, call, { status, body: alternativePaymentsError(message) })];
    },
    extras: [
      {
        name: 'success',
        label: 'Payment request created',
        call: createPaymentRequest,
        answer: {
          status: 201,
          body: {
            id: PAYMENT_REQUEST_ID,
            status: 'pending',
            amount: 4990,
            currency: 'USD',
            reference_id: 'ORD-SANDBOX-0042',
            checkout_url: `https://checkout.alternativepayments.io/${PAYMENT_REQUEST_ID}`,
          },
        },
        listed: false,
      },
      {
        // A gateway that repeats the request's credentials in its message: PayLens must mask them.
        name: 'echoed-credentials',
        label: 'Client secret repeated in the message',
        call: getToken,
        answer: {
          status: 403,
          body: alternativePaymentsError(`Invalid client credentials: ${basic} (${atob(basic)})`),
        },
        listed: true,
      },
      {
        name: 'token',
        label: 'Token issued',
        call: getToken,
        answer: {
          status: 200,
          body: { access_token: token, token_type: 'Bearer', expires_in: 3600 },
        },
        listed: false,
      },
    ],
  };
}

export const alternativePaymentsWire: ProviderWire<AlternativePaymentsCredentials> = {
  exampleCredentials: alternativePaymentsExampleCredentials,
  examples: alternativePaymentsExamples,
};
