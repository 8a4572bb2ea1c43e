import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import type { FastifyInstance } from "fastify";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, expect, onTestFinished } from "vitest";
import { buildApp } from "../../src/app.ts";
import { sqliteTarget } from "./databases.ts";
import { createTestRuntime, type TestRuntime } from "./runtime.ts";
import { requireInCi } from "./suites.ts";

/**
 * The browser suites drive Debian's Chromium (apt-get install chromium) with playwright-core
 * against the real application listening on a loopback port.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Where screenshots go (gitignored); CI keeps the folder as an artifact. */
export const ARTIFACTS_DIR = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the browser suite can run: in CI a missing Chromium fails the run, elsewhere the
 * suite is skipped with a message. Call once at the top of a browser test file.
 */
export function browserAvailable(): boolean {
  return requireInCi(
    "Browser suite",
    isExecutable(CHROMIUM_PATH),
    `${CHROMIUM_PATH} not found (apt-get install chromium)`,
  );
}

/**
 * Launches headless Chromium. Playwright's launch() always starts it on a fresh temporary
 * profile (a new mkdtemp directory, removed on close) and refuses a --user-data-dir argument,
 * so every run starts without cookies, cache or service workers from an earlier one.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

// The browser only needs the pages; a SQLite file keeps the suite independent of PostgreSQL.

export interface RunningApp {
  /** The origin the app listens on, e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  app: FastifyInstance;
  runtime: TestRuntime;
  close(): Promise<void>;
}

/** The real application on a fresh SQLite database, listening over HTTP on a free port. */
export async function startApp(
  options: Parameters<typeof createTestRuntime>[1] = {},
): Promise<RunningApp> {
  const runtime = await createTestRuntime(sqliteTarget, options);
  try {
    const app = await buildApp(runtime);
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    return {
      url,
      app,
      runtime,
      async close() {
        await app.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** Everything that went wrong while a page was open; a healthy page leaves all lists empty. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  /** Requests that failed at the network level or were answered with a status of 400 or more. */
  failedRequests: string[];
  /** From the securitypolicyviolation DOM event ("event:") and Chromium's console ("console:"). */
  cspViolations: string[];
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
  /** Saves a full-page screenshot as test-artifacts/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

const CSP_BINDING = "__kakehashiReportCspViolation";
/**
 * How Chromium words a CSP violation in the console: older versions "Refused to load…",
 * newer ones (e.g. 156) "Executing inline script violates the following Content Security
 * Policy directive…".
 */
const CSP_CONSOLE_MESSAGE = /^Refused to |violates the following Content Security Policy/;

/**
 * Opens a page in a new browser context (its own cookies, locale and viewport) that records
 * console errors, uncaught page errors, failed requests and CSP violations. The context is
 * closed when the current test finishes; if the test failed, a screenshot named
 * `<name>-failed.png` is saved first.
 */
export async function openPage(
  browser: Browser,
  name: string,
  options: BrowserContextOptions = {},
): Promise<BrowserSession> {
  // A failure screenshot from an earlier run would be mistaken for this run's.
  fs.rmSync(path.join(ARTIFACTS_DIR, `${name}-failed.png`), { force: true });
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: PageProblems = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    cspViolations: [],
  };

  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const location = message.location();
    const text = `${message.text()}${location.url ? ` (${location.url}:${location.lineNumber})` : ""}`;
    problems.consoleErrors.push(text);
    if (CSP_CONSOLE_MESSAGE.test(message.text())) problems.cspViolations.push(`console: ${text}`);
  });
  page.on("pageerror", (error) => problems.pageErrors.push(String(error.stack ?? error)));
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "failed";
    // A script's fetch aborted by the page (a newer keystroke, or the user leaving the page) is
    // the script's choice, not a failure; a failed document, style or script load still counts.
    if (reason === "net::ERR_ABORTED" && request.resourceType() === "fetch") return;
    problems.failedRequests.push(`${request.method()} ${request.url()}: ${reason}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400)
      problems.failedRequests.push(
        `${response.request().method()} ${response.url()}: ${response.status()}`,
      );
  });

  // Init scripts and bindings are installed over the DevTools protocol, so the page's CSP
  // (script-src 'self', no inline script) does not stop them.
  await page.exposeFunction(CSP_BINDING, (report: string) => {
    problems.cspViolations.push(`event: ${report}`);
  });
  await page.addInitScript((binding: string) => {
    document.addEventListener(
      "securitypolicyviolation",
      (event) => {
        const report = (window as unknown as Record<string, (text: string) => void>)[binding];
        report?.(
          `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} on ${event.documentURI}` +
            (event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : ""),
        );
      },
      true,
    );
  }, CSP_BINDING);

  const session: BrowserSession = {
    context,
    page,
    problems,
    async screenshot(fileName) {
      fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
      const file = path.join(ARTIFACTS_DIR, `${fileName}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: () => context.close(),
  };

  onTestFinished(async ({ task }) => {
    try {
      if (task.result?.state === "fail") await session.screenshot(`${name}-failed`);
    } finally {
      await session.close();
    }
  });
  return session;
}

/**
 * Loads a page and waits until its stylesheets and web fonts have settled, so the problems
 * recorded afterwards include any font or CSS that failed to load.
 */
export async function visit(page: Page, url: string): Promise<void> {
  const response = await page.goto(url, { waitUntil: "load" });
  expect(response?.status(), `GET ${url}`).toBe(200);
  await settle(page);
}

/** Waits for web fonts, which can still be loading after the load event. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
}

/** Fails with every recorded problem listed, one per line. */
export function expectNoProblems(problems: PageProblems): void {
  expect(problems).toEqual({
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    cspViolations: [],
  });
}

/**
 * The application and the Chromium a browser describe block shares: started by the beforeAll
 * this registers (call it before the block's own hooks), closed by its afterAll.
 */
export class BrowserTestbed {
  server!: RunningApp;
  browser!: Browser;
}

export function browserTestbed(): BrowserTestbed {
  const bed = new BrowserTestbed();
  beforeAll(async () => {
    bed.server = await startApp();
    bed.browser = await launchBrowser();
  });
  afterAll(async () => {
    await bed.browser?.close();
    await bed.server?.close();
  });
  return bed;
}

/** The page's WCAG 2.1 A/AA violations found by axe, one line each (axe must have passed some). */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(results.passes.length).toBeGreaterThan(0);
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${violation.help} — ${node.target.join(" ")}`),
  );
}
