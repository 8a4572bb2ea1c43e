/**
 * The intake desk's actions on a report: each one runs through the desk side's action pipeline
 * (the caller must be a member of the desk), and those the finder should hear of mail them.
 */
import { invalidInput } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { ActionContext } from "../../workflow/actions.ts";
import type { Actor } from "../access/actor.ts";
import type { ReportsContext, ReportVisible } from "./reports.context.ts";
import { appendMessage } from "./reports.messages.ts";
import { notifyFinder } from "./reports.notifications.ts";
import { isIntakeMember, organizationType, updateReport } from "./reports.repository.ts";
import type { ChangeKindInput, CloseInput, ForwardInput, ReportView } from "./reports.schemas.ts";

type DeskWork = (context: ActionContext<"report", ReportVisible>) => Promise<void>;

/** Where a forwarded web report goes: a directory's operator, or one named by the desk. */
async function siteOperatorOf(
  context: ActionContext<"report", ReportVisible>,
  input: ForwardInput,
) {
  if (input.operatorOrganizationId) {
    const type = await organizationType(context.tx, input.operatorOrganizationId);
    if (type !== "site_operator") {
      throw invalidInput(
        [{ path: "operatorOrganizationId", message: "not a site operator" }],
        "Choose a site operator from the directory.",
      );
    }
    return { orgId: input.operatorOrganizationId };
  }
  if (input.operatorName && input.operatorContactEmail)
    return { name: input.operatorName, contactEmail: input.operatorContactEmail };
  throw invalidInput(
    [
      {
        path: "operatorOrganizationId",
        message: "give operatorOrganizationId, or operatorName and operatorContactEmail",
      },
    ],
    "Name the site operator.",
  );
}

export function createDeskActions(context: ReportsContext) {
  const { deskSide } = context;

  /** Runs a desk action; `notify` mails the finder that their report changed. */
  async function desk(
    actor: Actor,
    id: string,
    audit: string,
    work: DeskWork,
    notify = false,
  ): Promise<ReportView> {
    const { view } = await deskSide.run(actor, id, {
      viewers: ["intake"],
      audit,
      work: async (action) => {
        await work(action);
        if (notify) await notifyFinder(action.tx, context, action.visible.row, "updated");
      },
    });
    return view;
  }

  /** A note to the finder written with the action, in the same transaction. */
  const note = (action: ActionContext<"report", ReportVisible>, message: string | undefined) =>
    message
      ? appendMessage(action.tx, context, action.id, action.visible.user, "intake", message)
      : null;

  return {
    requestInfo(actor: Actor, id: string, message: string) {
      return desk(
        actor,
        id,
        "report.info_requested",
        async (action) => {
          const messageId = await appendMessage(
            action.tx,
            context,
            id,
            action.visible.user,
            "intake",
            message,
          );
          await action.execute({ type: "request_info", messageId });
        },
        true,
      );
    },

    accept(actor: Actor, id: string) {
      return desk(
        actor,
        id,
        "report.accepted",
        async ({ execute }) => void (await execute({ type: "accept" })),
        true,
      );
    },

    reject(actor: Actor, id: string, reason: string) {
      return desk(
        actor,
        id,
        "report.rejected",
        async ({ execute }) => void (await execute({ type: "reject", reason })),
        true,
      );
    },

    close(actor: Actor, id: string, input: CloseInput) {
      if (input.reason === "duplicate" && !input.duplicateOf) {
        throw invalidInput(
          [{ path: "duplicateOf", message: "required when the reason is duplicate" }],
          "Name the earlier report, advisory, CVE ID or URL.",
        );
      }
      return desk(
        actor,
        id,
        "report.closed",
        async (action) => {
          await note(action, input.message);
          await action.execute({
            type: "close",
            reason: input.reason,
            duplicateOf: input.duplicateOf ?? null,
          });
        },
        true,
      );
    },

    /** R-INT-8: product ⇄ web before forwarding (a web report has no CVSS vector). */
    changeKind(actor: Actor, id: string, input: ChangeKindInput) {
      return desk(actor, id, "report.kind_changed", async ({ tx, execute }) => {
        await updateReport(tx, id, {
          kind: input.kind,
          ...(input.kind === "web" ? { cvss_vector: null } : {}),
        });
        await execute({ type: "change_kind", kind: input.kind, reason: input.reason });
      });
    },

    /** Product → a new case; web → a new site case for the operator (→ forwarded). */
    forward(actor: Actor, id: string, input: ForwardInput) {
      return desk(
        actor,
        id,
        "report.forwarded",
        async (action) => {
          await note(action, input.message);
          const target =
            action.visible.row.kind === "product"
              ? { kind: "case" as const, caseId: newId() }
              : {
                  kind: "site_case" as const,
                  siteCaseId: newId(),
                  operator: await siteOperatorOf(action, input),
                };
          await action.execute({ type: "forward", target });
        },
        true,
      );
    },

    assign(actor: Actor, id: string, userId: string) {
      return desk(actor, id, "report.assigned", async ({ tx }) => {
        if (!(await isIntakeMember(tx, userId)))
          throw invalidInput(
            [{ path: "userId", message: "not an intake member" }],
            "Assign a member of the intake desk.",
          );
        await updateReport(tx, id, { assignee_user_id: userId });
      });
    },
  };
}
