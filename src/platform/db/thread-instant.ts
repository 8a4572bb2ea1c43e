/**
 * The instant a new message of a thread is stamped with: now, or a millisecond after the
 * thread's newest message when the clock has not moved past it — a thread read in time order
 * never has two messages at one instant.
 */
export function nextThreadInstant(now: Date, newest: string | null | undefined): string {
  const at = now.getTime();
  return new Date(newest ? Math.max(at, new Date(newest).getTime() + 1) : at).toISOString();
}
