import { wireTimestampMs } from "./rfc3339.js";

/**
 * The virtual clock every timestamp, expiry and timed transition reads. It ticks with real time
 * from an adjustable offset, so tests can jump forward without waiting.
 */
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  set(epochMs: number): void {
    this.offsetMs = epochMs - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }

  /** How far the virtual clock is ahead of real time (ms); what a restart must restore. */
  offset(): number {
    return this.offsetMs;
  }

  setOffset(ms: number): void {
    this.offsetMs = ms;
  }
}

/** ISO-8601 UTC with `Z`, as every timestamp goes on the wire. */
export const isoTime = (epochMs: number): string => new Date(epochMs).toISOString();

/**
 * A wire timestamp (RFC 3339 string, or epoch seconds) in epoch ms; NaN when it is neither or
 * lies outside the years 1000–9999 (so `isoTime` of a finite result never throws).
 */
export const wireTimeMs = (value: unknown): number => wireTimestampMs(value);
