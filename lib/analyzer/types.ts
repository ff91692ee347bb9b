/** What the session analyzer attaches to diagnoses and to the session's summary. */
import type { Diagnosis, Exchange } from '../types';

export const INSIGHT_KINDS = [
  'clock-skew',
  'token',
  'environment',
  'idempotency',
  'repeated',
  'rate',
] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

/** Numbers and words; lists are of words (environment names, field paths), never values. */
export type Figures = Record<string, string | number | string[]>;

/** `text` is one plain sentence built from `figures` alone, never from a secret. */
export interface Insight {
  kind: InsightKind;
  text: string;
  /** The other entries that prove it, by entry index. */
  related: number[];
  figures: Figures;
}

/** A value that names the request for the provider's support. */
export interface SupportId {
  name: string;
  value: string;
}

export interface SessionWarning {
  kind: InsightKind;
  provider: string;
  text: string;
  related: number[];
  figures: Figures;
}

/**
 * One kind's memory of one provider's traffic, made for the provider so that no request
 * looks its memory up: fed the exchanges it follows, it may explain a diagnosis.
 */
export interface TrafficFollower {
  follow(exchange: Exchange, index: number, diagnosis: Diagnosis | null): Insight | undefined;
}

export interface ExchangeAnalysis {
  insights: Insight[];
  supportIds: SupportId[];
}
