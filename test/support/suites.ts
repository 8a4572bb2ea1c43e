/**
 * Suites that need something from the machine (PostgreSQL, Chromium). In CI (CI=true) a
 * missing requirement fails the run; elsewhere the suite is skipped and says why.
 */
export function requireInCi(suite: string, available: boolean, reason: string): boolean {
  if (available) return true;
  if (process.env.CI) {
    throw new Error(`${suite} is required in CI but unavailable: ${reason}`);
  }
  process.stderr.write(`\n[skipped] ${suite}: ${reason}\n`);
  return false;
}
