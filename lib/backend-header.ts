/**
 * The header bridge: a backend running the PayLens hook adds `PayLens-Diagnoses` to the
 * response of the page request it was serving, and the panel lists those diagnoses next to
 * the browser's. The header is untrusted input to the panel (any page can send one), so
 * reading it is bounded, strict and never throws: anything off and nothing is shown.
 */
import { INSIGHT_KINDS, type Insight, type SupportId } from './analyzer';
import { type JsonDiagnosis, jsonDiagnosis } from './format/json';
import { isObject } from './json';
import { providerById } from './providers';
import { CATEGORIES, type Diagnosis, type Finding, RETRY_ADVICE, type Retry } from './types';
import { hostOf } from './url';

export const BACKEND_HEADER = 'PayLens-Diagnoses';
/** The largest header value written or read, in characters (base64url is ASCII). */
export const MAX_BACKEND_HEADER = 8 * 1024;
/** What the matcher keeps of free text (2 000 characters and an ellipsis), with room to spare. */
const MAX_TEXT = 2_100;
const MAX_URL = 8 * 1024;

export interface BackendReport {
  diagnoses: JsonDiagnosis[];
  /** Diagnoses the backend left out to stay within the size limit. */
  truncated: number;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(value: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) return null;
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function encode(diagnoses: readonly JsonDiagnosis[], truncated: number): string {
  return toBase64Url(JSON.stringify({ v: 1, diagnoses, truncated }));
}

/**
 * The header value for these findings, in the CLI's JSON shape, at most `MAX_BACKEND_HEADER`
 * characters: the latest diagnoses are left out first, and counted in `truncated`.
 */
export function backendHeaderValue(findings: readonly Finding[]): string {
  const diagnoses = findings.map(jsonDiagnosis);
  for (let kept = diagnoses.length; kept >= 0; kept--) {
    const value = encode(diagnoses.slice(0, kept), diagnoses.length - kept);
    if (value.length <= MAX_BACKEND_HEADER) return value;
  }
  return encode([], diagnoses.length);
}

const isText = (value: unknown, max = MAX_TEXT): value is string =>
  typeof value === 'string' && value.length <= max;
const isTextOrNull = (value: unknown): value is string | null => value === null || isText(value);
const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

function validRetry(value: unknown): Retry | null {
  if (!isObject(value) || !oneOf(RETRY_ADVICE, value.advice)) return null;
  const { afterSeconds } = value;
  if (afterSeconds === undefined) return { advice: value.advice };
  return typeof afterSeconds === 'number' && Number.isInteger(afterSeconds) && afterSeconds >= 0
    ? { advice: value.advice, afterSeconds }
    : null;
}

const MAX_INSIGHTS = 16;
const MAX_FIGURES = 16;

function validInsights(value: unknown): Insight[] | null {
  if (!Array.isArray(value) || value.length > MAX_INSIGHTS) return null;
  const insights: Insight[] = [];
  for (const insight of value) {
    if (!isObject(insight) || !oneOf(INSIGHT_KINDS, insight.kind) || !isText(insight.text)) return null;
    const { related, figures } = insight;
    if (
      !Array.isArray(related) ||
      related.length > 64 ||
      !related.every((index) => Number.isInteger(index) && index >= 0)
    )
      return null;
    if (!isObject(figures)) return null;
    const entries = Object.entries(figures);
    if (
      entries.length > MAX_FIGURES ||
      !entries.every(
        ([name, figure]) =>
          isText(name, 64) &&
          (isText(figure, 200) ||
            (typeof figure === 'number' && Number.isFinite(figure)) ||
            // Lists of words: environment names, field paths.
            (Array.isArray(figure) && figure.length <= 32 && figure.every((word) => isText(word, 200)))),
      )
    )
      return null;
    // The entries it relates are the backend's, not this panel's: they are named in the text.
    insights.push({
      kind: insight.kind,
      text: insight.text,
      related: [],
      figures: Object.fromEntries(entries) as Insight['figures'],
    });
  }
  return insights;
}

function validSupportIds(value: unknown): SupportId[] | null {
  if (!Array.isArray(value) || value.length > MAX_INSIGHTS) return null;
  const ids: SupportId[] = [];
  for (const id of value) {
    if (!isObject(id) || !isText(id.name, 100) || !isText(id.value, 500)) return null;
    ids.push({ name: id.name, value: id.value });
  }
  return ids;
}

/**
 * One diagnosis as the schema has it, or null. The provider's name and documentation link
 * come from the catalog, not from the header: a page cannot make the panel link elsewhere.
 */
function validDiagnosis(value: unknown): JsonDiagnosis | null {
  if (!isObject(value)) return null;
  const provider = typeof value.provider === 'string' ? providerById(value.provider) : undefined;
  const retry = validRetry(value.retry);
  const { fields } = value;
  const insights = validInsights(value.insights);
  const supportIds = validSupportIds(value.supportIds);
  const validFields =
    Array.isArray(fields) &&
    fields.length <= 201 &&
    fields.every((field) => isObject(field) && isText(field.field) && isText(field.message));
  if (
    !provider ||
    !retry ||
    !insights ||
    !supportIds ||
    !validFields ||
    !(value.entryIndex === null || (Number.isInteger(value.entryIndex) && Number(value.entryIndex) >= 0)) ||
    !isText(value.startedDateTime, 64) ||
    !isText(value.method, 32) ||
    !isText(value.url, MAX_URL) ||
    !/^https?:\/\//i.test(value.url) ||
    !(Number.isInteger(value.status) && Number(value.status) >= 100 && Number(value.status) <= 599) ||
    !oneOf(['host', 'fingerprint'] as const, value.match) ||
    !oneOf(['failed', 'unknown'] as const, value.outcome) ||
    !isTextOrNull(value.code) ||
    !isTextOrNull(value.message) ||
    typeof value.documented !== 'boolean' ||
    !oneOf(CATEGORIES, value.category) ||
    !isText(value.title) ||
    !isText(value.meaning) ||
    !isText(value.remedy)
  ) {
    return null;
  }
  return {
    file: undefined,
    entryIndex: null,
    startedDateTime: value.startedDateTime,
    method: value.method,
    url: value.url,
    status: value.status as number,
    provider: provider.id,
    providerName: provider.name,
    match: value.match,
    outcome: value.outcome,
    code: value.code,
    message: value.message,
    documented: value.documented,
    category: value.category,
    title: value.title,
    meaning: value.meaning,
    remedy: value.remedy,
    retry,
    fields: (fields as Array<{ field: string; message: string }>).map(({ field, message }) => ({
      field,
      message,
    })),
    docsUrl: provider.docsUrl,
    insights,
    supportIds,
  };
}

/** The report a header value carries, or null when it is not exactly one (never throws). */
export function readBackendHeader(value: unknown): BackendReport | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_BACKEND_HEADER) return null;
  const text = fromBase64Url(value.trim());
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(json) || json.v !== 1 || !Array.isArray(json.diagnoses)) return null;
  const { truncated } = json;
  if (!(Number.isInteger(truncated) && Number(truncated) >= 0)) return null;
  const diagnoses: JsonDiagnosis[] = [];
  for (const candidate of json.diagnoses) {
    const diagnosis = validDiagnosis(candidate);
    if (!diagnosis) return null;
    diagnoses.push(diagnosis);
  }
  return { diagnoses, truncated: truncated as number };
}

/** The page request whose response carried the header. */
export interface CarrierRequest {
  method: string;
  url: string;
}

/**
 * The backend's diagnoses as findings for the panel's timeline: the provider call they
 * describe (its redacted URL, status and time; the backend keeps the rest), marked with
 * the host that reported them and the page request that carried them.
 */
export function backendFindings(report: BackendReport, carrier: CarrierRequest): Finding[] {
  const reportedBy = hostOf(carrier.url);
  return report.diagnoses.map((shown) => {
    const { entryIndex: _, file: __, insights, supportIds, ...facts } = shown;
    const diagnosis: Diagnosis = { ...facts };
    return {
      exchange: {
        method: shown.method,
        url: shown.url,
        status: shown.status,
        requestHeaders: [],
        responseHeaders: [],
        startedDateTime: shown.startedDateTime,
      },
      diagnosis,
      analysis: { insights, supportIds },
      backend: { reportedBy, pageRequest: { method: carrier.method, url: carrier.url } },
    };
  });
}
