import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect } from "vitest";
import { buildApp } from "../../src/app.ts";
import type { AdvisoryDraftInput } from "../../src/modules/advisories/advisories.schemas.ts";
import { type Cast, createCast, type TestUser } from "./actors.ts";
import {
  type AdvisoryPeople,
  advisoryPeople,
  approvedCase,
  forwardedCase,
  inDays,
  notifyVendors,
  publishedCase,
  type ReportText,
  runDueAt,
} from "./advisories.ts";
import type { TestDatabaseTarget } from "./databases.ts";
import { createTestRuntime, type TestRuntime } from "./runtime.ts";

export type RequestMethod = "GET" | "POST" | "PUT";

/** An inject request as the user (API token from the user's own address), or anonymous (null). */
export function requestAs(
  user: TestUser | null,
  method: RequestMethod,
  url: string,
  payload?: unknown,
): InjectOptions {
  return {
    method,
    url,
    ...(user ? { headers: user.bearer, remoteAddress: user.ip } : {}),
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  };
}

/** The response's JSON body, after checking its status (the body is the failure message). */
export function okJson(response: LightMyRequestResponse, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

/**
 * What the advisory tests of a describe block share: a runtime on the target's database, the
 * application over it, the cast and its advisory people. Its fields are set by the beforeAll
 * hook this registers (so read them inside tests and hooks only); afterAll closes the app and
 * the runtime. Call it before the block's own hooks so they see it ready.
 */
export class AdvisoryTestbed {
  runtime!: TestRuntime;
  app!: FastifyInstance;
  cast!: Cast;
  people!: AdvisoryPeople;

  /** A request through the application as the user, or anonymous (null). */
  call(
    user: TestUser | null,
    method: RequestMethod,
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> {
    return this.app.inject(requestAs(user, method, url, payload));
  }

  /** The instant `days` days after the clock, as an ISO string. */
  inDays(days: number): string {
    return inDays(this.runtime, days);
  }

  /** Moves the clock to the instant and runs every job due by then. */
  runDueAt(at: string): Promise<void> {
    return runDueAt(this.runtime, at);
  }

  /** `forwardedCase` with this testbed's people. */
  forwardedCase(text?: ReportText) {
    return forwardedCase(this.runtime, this.people, text);
  }

  /** `notifyVendors` with this testbed's cast. */
  notifyVendors(caseId: string, which?: ("vendorA" | "vendorB")[]) {
    return notifyVendors(this.runtime, this.cast, this.people, caseId, which);
  }

  /** `approvedCase` with this testbed's cast. */
  approvedCase(options: {
    publishAt: string;
    text?: ReportText;
    draft?: Partial<AdvisoryDraftInput>;
  }) {
    return approvedCase(this.runtime, this.cast, this.people, options);
  }

  /** `publishedCase` with this testbed's cast. */
  publishedCase(options: Parameters<typeof publishedCase>[3] = {}) {
    return publishedCase(this.runtime, this.cast, this.people, options);
  }
}

type TestRuntimeOptions = Parameters<typeof createTestRuntime>[1];

/**
 * Registers the testbed's hooks in the calling describe block. `options` may be a function
 * when they depend on what an earlier beforeAll made (a mail peer's address).
 */
export function advisoryTestbed(
  target: TestDatabaseTarget,
  options: TestRuntimeOptions | (() => TestRuntimeOptions) = {},
): AdvisoryTestbed {
  const bed = new AdvisoryTestbed();
  beforeAll(async () => {
    bed.runtime = await createTestRuntime(
      target,
      typeof options === "function" ? options() : options,
    );
    bed.app = await buildApp(bed.runtime);
    await bed.app.ready();
    bed.cast = await createCast(bed.runtime);
    bed.people = await advisoryPeople(bed.runtime, bed.cast);
    // The cast hashes passwords with argon2: slow on a loaded 2-core machine.
  }, 120_000);
  afterAll(async () => {
    await bed.app?.close();
    await bed.runtime?.close();
  });
  return bed;
}
