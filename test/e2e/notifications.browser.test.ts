import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import type { Language } from "../../src/platform/i18n/i18n.ts";
import { translator } from "../../src/platform/i18n/i18n.ts";
import {
  actorOfToken,
  createCast,
  createTestUser,
  signIn,
  type TestUser,
} from "../support/actors.ts";
import {
  axeViolations,
  browserAvailable,
  browserTestbed,
  expectNoProblems,
  openPage,
  settle,
  visit,
} from "../support/browser.ts";

const FLOW_TIMEOUT = 90_000;

describe.skipIf(!browserAvailable())("the notification preferences page in Chromium", () => {
  const bed = browserTestbed();

  it.each([
    ["ja", "finder"],
    ["en", "coordinator"],
  ] as const)(
    "lets a user reading %s (%s) choose how each kind of event is mailed, from the account page",
    async (language: Language, who) => {
      const { server, browser } = bed;
      let user: TestUser;
      if (who === "finder") {
        user = await createTestUser(server.runtime, {
          email: `prefs-${language}@notify-browser.example`,
          name: "Preferences Finder",
          language,
        });
      } else {
        const cast = await createCast(server.runtime);
        user = cast.users.coordinatorMember;
      }
      const session = await signIn(server.app, server.runtime, user);
      const t = translator(language);
      const browserSession = await openPage(browser, `notification-preferences-${language}`, {
        locale: language === "ja" ? "ja-JP" : "en-US",
      });
      const { page } = browserSession;
      await browserSession.context.addCookies([
        {
          name: SESSION_COOKIE,
          value: session.sessionToken ?? "",
          url: server.url,
          httpOnly: true,
        },
      ]);

      // From the account page, by its link.
      await visit(page, `${server.url}/account`);
      await Promise.all([
        page.waitForNavigation({ waitUntil: "load" }),
        page.getByRole("link", { name: t("notifications.account.link") }).click(),
      ]);
      await settle(page);
      await expect(page.locator("h1").textContent()).resolves.toBe(t("notifications.page.title"));

      // The kinds of this role, each with three choices, the default chosen.
      const rows = page.locator("#notification-preferences tbody tr");
      const kinds =
        who === "finder"
          ? ["report_progress", "report_requests"]
          : ["case_opened", "vendor_acknowledged", "vendor_status", "report_progress"];
      for (const kind of kinds) {
        await expect(
          page.locator(`#notification-preferences input[name="kind.${kind}"]`).count(),
        ).resolves.toBe(3);
      }
      if (who === "finder") await expect(rows.count()).resolves.toBe(2);
      const choice = (label: string, delivery: "immediate" | "digest" | "none") =>
        page.getByRole("radio", {
          name: `${label} ${t(`notifications.delivery.${delivery}`)}`,
          exact: true,
        });
      const progress = t("notifications.kind.report_progress");
      await expect(choice(progress, "immediate").isChecked()).resolves.toBe(true);
      expect(await axeViolations(page)).toEqual([]);

      // Chosen and saved: the page says so and shows the choice again.
      await choice(progress, "digest").check();
      const other =
        who === "finder"
          ? t("notifications.kind.report_requests")
          : t("notifications.kind.vendor_status");
      await choice(other, "none").check();
      await Promise.all([
        page.waitForNavigation({ waitUntil: "load" }),
        page.getByRole("button", { name: t("notifications.page.save"), exact: true }).click(),
      ]);
      await settle(page);
      await expect(page.locator(".notice").first().textContent()).resolves.toContain(
        t("notifications.page.saved"),
      );
      await expect(choice(progress, "digest").isChecked()).resolves.toBe(true);
      await expect(choice(other, "none").isChecked()).resolves.toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await browserSession.screenshot(`notification-preferences-${language}`);
      expectNoProblems(browserSession.problems);

      // The service reads the same choices.
      const view = await server.runtime.services.notifications.preferences(
        await actorOfToken(server.runtime, user.token),
      );
      expect(view.preferences.find((p) => p.kind === "report_progress")).toMatchObject({
        delivery: "digest",
        chosen: true,
      });
    },
    FLOW_TIMEOUT,
  );
});
