/** Time enters the platform only through a Clock, so tests and replays can fix it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  constructor(private t: Date = new Date('2026-06-01T08:00:00+08:00')) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: Date | string): void {
    this.t = new Date(t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/** The calendar day (YYYY-MM-DD) of a moment in China Standard Time, where the platform's days are counted. */
export function dayOf(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
