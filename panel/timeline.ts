/**
 * The panel's list of diagnoses: bounded, oldest first, with a separator at each page
 * navigation. Pure and mutable: a live capture appends thousands of rows, and copying the
 * list on every one would cost more than rendering it.
 */
import type { FileWarning } from '../lib/format/summary';
import { presentWarning } from '../lib/presentation';
import { DEFAULT_RETENTION } from '../lib/settings';
import type { Finding } from '../lib/types';
import { timeOf } from './overview';

export type TimelineItem =
  | {
      kind: 'finding';
      id: number;
      finding: Finding;
      /** When it happened, epoch ms (NaN when unreadable): read once, for the overview and the range filter. */
      time: number;
    }
  | { kind: 'separator'; id: number; label: string; at: string };

export class Timeline {
  #items: TimelineItem[] = [];
  #findings = 0;
  #dropped = 0;
  #examined = 0;
  #nextId = 1;
  #cap: number;
  #version = 0;
  /** One per kind, provider and file: a later report of the same replaces it. */
  #warnings = new Map<string, FileWarning>();

  constructor(cap = DEFAULT_RETENTION) {
    this.#cap = validCap(cap);
  }

  get items(): readonly TimelineItem[] {
    return this.#items;
  }

  /** How many diagnoses are held. */
  get size(): number {
    return this.#findings;
  }

  /** How many of the oldest diagnoses were dropped to stay within the cap since the last clear. */
  get dropped(): number {
    return this.#dropped;
  }

  /** How many exchanges were examined since the last clear, diagnosed or not. */
  get examined(): number {
    return this.#examined;
  }

  get cap(): number {
    return this.#cap;
  }

  /** The session analyzer's warnings, of the live capture and of imported files, as shown. */
  get warnings(): readonly FileWarning[] {
    return [...this.#warnings.values()];
  }

  putWarnings(warnings: readonly FileWarning[]): void {
    for (const warning of warnings) {
      const key = `${warning.file ?? ''}\u0000${warning.kind}\u0000${warning.provider}`;
      this.#warnings.set(key, presentWarning(warning));
    }
    if (warnings.length > 0) this.#version++;
  }

  /** The diagnosis of entry `index` of a capture (a file's, or the live one's when `file` is undefined). */
  findEntry(index: number, file: string | undefined): Extract<TimelineItem, { kind: 'finding' }> | undefined {
    return this.#items.find(
      (item): item is Extract<TimelineItem, { kind: 'finding' }> =>
        item.kind === 'finding' && item.finding.entryIndex === index && item.finding.file === file,
    );
  }

  /** Changes on every change, so a view can tell when to render again. */
  get version(): number {
    return this.#version;
  }

  countExamined(count = 1): void {
    this.#examined += count;
    this.#version++;
  }

  add(finding: Finding): void {
    this.#items.push({ kind: 'finding', id: this.#nextId++, finding, time: timeOf(finding) });
    this.#findings++;
    this.#trim();
    this.#version++;
  }

  /** A separator right after another one replaces it: the page before had no diagnoses. */
  addSeparator(label: string, at: string): void {
    const separator: TimelineItem = { kind: 'separator', id: this.#nextId++, label, at };
    if (this.#items.at(-1)?.kind === 'separator') this.#items[this.#items.length - 1] = separator;
    else this.#items.push(separator);
    this.#version++;
  }

  /** Like DevTools: a navigation clears the list unless the log is preserved. */
  navigate(url: string, at: string, preserveLog: boolean): void {
    if (!preserveLog) this.clear();
    this.addSeparator(`Navigated to ${url}`, at);
  }

  clear(): void {
    this.#items = [];
    this.#warnings.clear();
    this.#findings = 0;
    this.#dropped = 0;
    this.#examined = 0;
    this.#version++;
  }

  setCap(cap: number): void {
    this.#cap = validCap(cap);
    this.#trim();
    this.#version++;
  }

  /** Drops the oldest diagnoses beyond the cap, keeping the separator that labels the first one left. */
  #trim(): void {
    let excess = this.#findings - this.#cap;
    if (excess <= 0) return;
    this.#findings -= excess;
    this.#dropped += excess;
    let cut = 0;
    let lastSeparator: TimelineItem | undefined;
    while (excess > 0) {
      const item = this.#items[cut++] as TimelineItem;
      if (item.kind === 'finding') excess--;
      else lastSeparator = item;
    }
    this.#items.splice(0, cut);
    if (lastSeparator && this.#items[0]?.kind === 'finding') this.#items.unshift(lastSeparator);
  }
}

function validCap(cap: number): number {
  return Number.isInteger(cap) && cap > 0 ? cap : DEFAULT_RETENTION;
}
