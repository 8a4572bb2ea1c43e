/**
 * The one reader of the time. Everything else asks a Clock, so tests, `jobs run-due --at`
 * and simulations can move time.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that stands still at one instant (as `jobs run-due --at` does). */
export function fixedClock(at: Date): Clock {
  const instant = new Date(at.getTime());
  return { now: () => new Date(instant.getTime()) };
}

export interface ManualClock extends Clock {
  set(at: Date): void;
  advance(milliseconds: number): void;
}

/** A clock that moves only when told to: for tests and simulation. */
export function manualClock(start: Date): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = at.getTime();
    },
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
}

/** Parses an ISO 8601 instant with an explicit zone (Z or ±hh:mm); anything else is null. */
export function parseInstant(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text))
    return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
