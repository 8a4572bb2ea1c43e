import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Executor, Tx } from "../../platform/db/database.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import { forbidden, notFound, ProblemError, unauthenticated } from "../../platform/http/problem.ts";
import type { Language } from "../../platform/i18n/i18n.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import type { WorkflowActor } from "../../workflow/common.ts";
import { rejectionProblem } from "../../workflow/problems.ts";
import {
  finderIdentityMayReachSite,
  type SiteCaseCommand,
  type SiteCaseEvent,
  type SiteCaseState,
} from "../../workflow/site-case/index.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import { setCaseMembers } from "../access/case-membership.ts";
import { createUser } from "../accounts/accounts.repository.ts";
import { hashPassword, hashSecret, passwordProblem } from "../accounts/secrets.ts";
import type { Audit } from "../audit/audit.ts";
import { addMembership, createOrganization } from "../organizations/organizations.repository.ts";
import { unsealReportText } from "../reports/reports.service.ts";
import {
  analystMayReadReport,
  canActAsDesk,
  canActAsOperator,
  canAssignMembers,
  canClaimForOrganization,
  canViewSiteCase,
  deskMayReadConfidential,
  isIntakeStaff,
  isOperatorAdmin,
  isOperatorMember,
} from "./site-cases.policy.ts";
import {
  type ConfidentialParts,
  presentLeakNotice,
  presentListItem,
  presentMessage,
  presentSiteCase,
} from "./site-cases.presenter.ts";
import {
  analysisRequestsOf,
  findReport,
  findSiteCase,
  isAssigned,
  leakNoticesOf,
  messagesOf,
  publicLeakNotices,
  type ReportRow,
  type SiteCaseRow,
  userContact,
} from "./site-cases.repository.ts";
import type {
  ClaimInput,
  LeakNoticeInput,
  ResultInput,
  SiteCaseListQuery,
  SiteCloseInput,
} from "./site-cases.schemas.ts";

const invalidToken = () =>
  new ProblemError(422, "invalid_token", "This link is not valid or has expired.", [
    { path: "token", message: "This link is not valid or has expired." },
  ]);

const resultContext = (id: string) => `site_cases.result_details_sealed:${id}`;
const messageContext = (id: string) => `site_case_messages.body_sealed:${id}`;
const analysisContext = (id: string) => `site_case_analysis_requests.reason_sealed:${id}`;

/** Whom a call comes from, once its access to the case is settled. */
interface Access {
  row: SiteCaseRow;
  report: ReportRow;
  user: UserActor;
  /** A member of the operator organization assigned to the case (R-SEC-6). */
  assigned: boolean;
  /** An intake analyst, and the operator granted the desk's analysis (R-WEB-3). */
  analysisGranted: boolean;
}

export function createSiteCasesService(deps: {
  db: Db;
  audit: Audit;
  mail: MailOutbox;
  cipher: FieldCipher;
  clock: Clock;
  workflow: WorkflowStore;
  publicUrl: string;
}) {
  const { db, audit, cipher, clock, workflow } = deps;
  const iso = () => clock.now().toISOString();

  /** The site case if the caller may know it exists; 404 otherwise, as if it did not. */
  async function access(executor: Executor, actor: Actor, id: string): Promise<Access> {
    if (!isSignedIn(actor)) throw unauthenticated();
    const row = await findSiteCase(executor, id);
    if (!row) throw notFound();
    const assigned =
      isOperatorMember(actor, row) && !isOperatorAdmin(actor, row)
        ? await isAssigned(executor, id, actor.userId)
        : false;
    if (!canViewSiteCase(actor, row, assigned)) throw notFound();
    const report = await findReport(executor, row.report_id);
    if (!report) throw notFound();
    const analysisGranted =
      actor.organization?.type === "intake" && actor.role === "analyst"
        ? (await analysisRequestsOf(executor, id)).some((request) => request.decision === "grant")
        : false;
    return { row, report, user: actor, assigned, analysisGranted };
  }

  function workflowActor(user: UserActor): WorkflowActor {
    if (user.organization?.type === "intake") return { kind: "intake", userId: user.userId };
    if (user.organization?.type === "site_operator")
      return { kind: "site_operator", userId: user.userId, orgId: user.organization.id };
    throw forbidden("Only the intake desk and the site's operator act on a site case.");
  }

  function envelope(user: UserActor) {
    return { commandId: newId(), at: iso(), actor: workflowActor(user) };
  }

  async function decide(tx: Tx, id: string, command: SiteCaseCommand) {
    const result = await workflow.execute(tx, "site_case", id, command);
    if (!result.ok) throw rejectionProblem(result.rejection);
    return result;
  }

  /** The desk member may read the confidential side, or the caller is the operator. */
  function readsConfidential(a: Access): boolean {
    return isOperatorMember(a.user, a.row) || deskMayReadConfidential(a.user, a.report);
  }

  /** Whoever reads the whole confidential side, and an analyst the operator let analyse. */
  function readsReportText(a: Access): boolean {
    return readsConfidential(a) || analystMayReadReport(a.user, a.analysisGranted);
  }

  async function operatorNameOf(executor: Executor, row: SiteCaseRow): Promise<string | null> {
    if (!row.operator_organization_id) return row.operator_name;
    const organization = await executor
      .selectFrom("organizations")
      .select("name")
      .where("id", "=", row.operator_organization_id)
      .executeTakeFirst();
    return organization?.name ?? row.operator_name;
  }

  /**
   * The case as this caller may see it; `confidential` says whether the view carried the
   * report's text, the finder's identity or the operator's details (the caller audits that).
   */
  async function present(executor: Executor, a: Access) {
    const loaded = await workflow.load(executor, "site_case", a.row.id);
    if (!loaded) throw notFound();
    const state = loaded.state as SiteCaseState;
    const events = (await workflow.events(executor, "site_case", a.row.id)).map(
      (stored) => stored.event as SiteCaseEvent,
    );
    const operator = isOperatorMember(a.user, a.row);
    const confidentialAllowed = readsConfidential(a);
    const reportTextAllowed = readsReportText(a);
    const analysisRequests = await analysisRequestsOf(executor, a.row.id);
    const confidential: ConfidentialParts = {
      details: null,
      finder: null,
      resultDetails: null,
      analysisReasons: null,
    };
    if (reportTextAllowed) {
      const text = unsealReportText(cipher, a.report);
      confidential.details = {
        description: text.description,
        reproduction: text.reproduction,
        verificationMethod: text.verificationMethod,
      };
    }
    if (confidentialAllowed) {
      confidential.resultDetails = a.row.result_details_sealed
        ? cipher.decrypt(a.row.result_details_sealed, resultContext(a.row.id))
        : null;
      confidential.analysisReasons = new Map(
        analysisRequests.map((request) => [
          request.id,
          request.reason_sealed
            ? cipher.decrypt(request.reason_sealed, analysisContext(request.id))
            : null,
        ]),
      );
      // R-CLS-2, W-8: the operator sees who found it only once the workflow shared it, and
      // only while the consent recorded now still allows it; the desk member always.
      const recipient = { kind: "site_operator" as const, orgId: a.row.operator_organization_id };
      const shared = events.some(
        (event) =>
          event.type === "finder_identity_shared" &&
          event.to.some(
            (to) => to.kind === "site_operator" && to.orgId === a.row.operator_organization_id,
          ),
      );
      if (!operator || (shared && finderIdentityMayReachSite(state, recipient))) {
        const finder = await userContact(executor, a.report.finder_user_id);
        confidential.finder = finder ? { name: finder.name, email: finder.email } : null;
      }
    }
    const view = presentSiteCase({
      audience: operator ? "operator" : "intake",
      row: a.row,
      report: a.report,
      state,
      events,
      operatorName: await operatorNameOf(executor, a.row),
      analysisRequests,
      leakNotices: await leakNoticesOf(executor, a.row.id),
      confidential,
    });
    return { view, confidential: reportTextAllowed, finderShown: confidential.finder !== null };
  }

  /** Runs one action in a transaction with its audit entry; answers the case as the caller sees it. */
  async function act(
    actor: Actor,
    id: string,
    side: "operator" | "desk",
    work: (tx: Tx, a: Access) => Promise<SiteCaseCommand | null>,
    auditType: string,
    details: (a: Access) => Record<string, unknown> = () => ({}),
  ) {
    return workflow.transaction(async (tx) => {
      const a = await access(tx, actor, id);
      if (side === "operator" && !canActAsOperator(a.user, a.row, a.assigned))
        throw forbidden("This is the site operator's action.");
      if (side === "desk" && !canActAsDesk(a.user))
        throw forbidden("This is the intake desk's action.");
      const command = await work(tx, a);
      if (command) await decide(tx, id, command);
      await audit.record(tx, a.user, {
        type: auditType,
        subjectType: "site_case",
        subjectId: id,
        details: details(a),
      });
      const fresh = await access(tx, actor, id);
      const { view, confidential } = await present(tx, fresh);
      if (confidential) await auditRead(tx, fresh, view.finder !== null);
      return view;
    });
  }

  /** R-SEC-2: every read of the report's text, the finder's identity or the messages. */
  async function auditRead(tx: Executor, a: Access, finderShown: boolean) {
    await audit.record(tx, a.user, {
      type: "site_case.viewed",
      subjectType: "site_case",
      subjectId: a.row.id,
      details: {
        reportId: a.report.id,
        content: true,
        finderIdentity: finderShown,
      },
    });
  }

  async function addMessage(tx: Tx, a: Access, side: "intake" | "operator", body: string) {
    const id = newId();
    // A thread reads in time order: a message never shares its instant with the one before.
    const last = await tx
      .selectFrom("site_case_messages")
      .select((eb) => eb.fn.max("created_at").as("at"))
      .where("site_case_id", "=", a.row.id)
      .executeTakeFirst();
    const now = clock.now().getTime();
    const createdAt = new Date(
      last?.at ? Math.max(now, new Date(last.at).getTime() + 1) : now,
    ).toISOString();
    await tx
      .insertInto("site_case_messages")
      .values({
        id,
        site_case_id: a.row.id,
        author_user_id: a.user.userId,
        author_side: side,
        body_sealed: cipher.encrypt(body, messageContext(id)),
        created_at: createdAt,
      })
      .execute();
    return id;
  }

  const service = {
    /** Intake: every site case; an operator: its organization's, as assigned (R-SEC-6). */
    async list(actor: Actor, query: SiteCaseListQuery) {
      if (!isSignedIn(actor)) throw unauthenticated();
      const operator = actor.organization?.type === "site_operator" ? actor.organization : null;
      if (!isIntakeStaff(actor) && !operator)
        throw forbidden("Site cases are for the intake desk and site operators.");
      const after = decodeCursor(query.cursor, 2);
      let select = db
        .selectFrom("site_cases")
        .innerJoin("reports", "reports.id", "site_cases.report_id")
        .innerJoin("workflow_states", "workflow_states.aggregate_id", "site_cases.id")
        .leftJoin("organizations", "organizations.id", "site_cases.operator_organization_id")
        .selectAll("site_cases")
        .select([
          "workflow_states.status",
          "reports.receipt_number",
          "reports.title",
          "reports.site_url",
          "organizations.name as organization_name",
        ]);
      if (operator) {
        select = select.where("site_cases.operator_organization_id", "=", operator.id);
        if (actor.role !== "admin") {
          const userId = actor.userId;
          select = select.where((eb) =>
            eb.exists(
              eb
                .selectFrom("case_members")
                .select("case_members.user_id")
                .whereRef("case_members.case_id", "=", "site_cases.id")
                .where("case_members.user_id", "=", userId),
            ),
          );
        }
      }
      if (query.status) select = select.where("workflow_states.status", "=", query.status);
      if (after) {
        const [notifiedAt, id] = after as [string, string];
        select = select.where((eb) =>
          eb.or([
            eb("site_cases.notified_at", "<", notifiedAt),
            eb.and([eb("site_cases.notified_at", "=", notifiedAt), eb("site_cases.id", "<", id)]),
          ]),
        );
      }
      const rows = await select
        .orderBy("site_cases.notified_at", "desc")
        .orderBy("site_cases.id", "desc")
        .limit(query.limit + 1)
        .execute();
      const result = page(rows, query.limit, (row) => [row.notified_at, row.id]);
      return { items: result.items.map(presentListItem), nextCursor: result.nextCursor };
    },

    async get(actor: Actor, id: string) {
      return db.transaction().execute(async (tx) => {
        const a = await access(tx, actor, id);
        const { view, confidential, finderShown } = await present(tx, a);
        if (confidential) await auditRead(tx, a, finderShown);
        return view;
      });
    },

    /** The case page: the case, and the messages when the caller may read them (each read audited). */
    async detail(actor: Actor, id: string) {
      return db.transaction().execute(async (tx) => {
        const a = await access(tx, actor, id);
        const { view, confidential, finderShown } = await present(tx, a);
        if (confidential) await auditRead(tx, a, finderShown);
        if (!readsConfidential(a)) return { view, messages: null };
        const rows = await messagesOf(tx, id);
        await audit.record(tx, a.user, {
          type: "site_case.messages_viewed",
          subjectType: "site_case",
          subjectId: id,
        });
        const messages = rows.map((row) =>
          presentMessage(row, cipher.decrypt(row.body_sealed, messageContext(row.id))),
        );
        return { view, messages };
      });
    },

    acknowledge(actor: Actor, id: string) {
      return act(
        actor,
        id,
        "operator",
        async (_tx, a) => ({ ...envelope(a.user), type: "acknowledge" }),
        "site_case.acknowledged",
      );
    },

    reportResult(actor: Actor, id: string, input: ResultInput) {
      return act(
        actor,
        id,
        "operator",
        async (tx, a) => {
          await tx
            .updateTable("site_cases")
            .set({
              result_details_sealed: cipher.encrypt(input.details, resultContext(id)),
              updated_at: iso(),
            })
            .where("id", "=", id)
            .execute();
          return {
            ...envelope(a.user),
            type: "report_result",
            result: input.result,
            fixMethod: input.result === "fixed" ? (input.fixMethod ?? null) : null,
          };
        },
        "site_case.result_reported",
        () => ({ result: input.result, fixMethod: input.fixMethod ?? null }),
      );
    },

    markUnreachable(actor: Actor, id: string) {
      return act(
        actor,
        id,
        "desk",
        async (_tx, a) => ({ ...envelope(a.user), type: "mark_unreachable" }),
        "site_case.marked_unreachable",
      );
    },

    close(actor: Actor, id: string, input: SiteCloseInput) {
      return act(
        actor,
        id,
        "desk",
        async (_tx, a) => ({
          ...envelope(a.user),
          type: "close",
          reason: input.reason,
          message: input.message,
        }),
        "site_case.closed",
        () => ({ reason: input.reason }),
      );
    },

    /** R-WEB-4: the operator's notice, public from now on; the only public output of the case. */
    async publishLeakNotice(actor: Actor, id: string, input: LeakNoticeInput) {
      const noticeId = newId();
      await act(
        actor,
        id,
        "operator",
        async (tx, a) => {
          await tx
            .insertInto("leak_notices")
            .values({
              id: noticeId,
              site_case_id: id,
              organization_id: a.row.operator_organization_id as string,
              summary: input.summary,
              period: input.period,
              affected_count: input.affectedCount,
              data_kinds: JSON.stringify(input.dataKinds),
              cause: input.cause,
              contact: input.contact,
              published_at: iso(),
            })
            .execute();
          return { ...envelope(a.user), type: "publish_leak_notice", noticeId };
        },
        "site_case.leak_notice_published",
        () => ({ noticeId }),
      );
      return { id: noticeId };
    },

    /** R-WEB-3: the desk asks the operator to let its analysts analyse the report. */
    async requestAnalysis(actor: Actor, id: string, input: { reason?: string | undefined }) {
      const requestId = newId();
      await act(
        actor,
        id,
        "desk",
        async (tx, a) => {
          await tx
            .insertInto("site_case_analysis_requests")
            .values({
              id: requestId,
              site_case_id: id,
              requested_by: a.user.userId,
              reason_sealed: input.reason
                ? cipher.encrypt(input.reason, analysisContext(requestId))
                : null,
              decision: null,
              answered_by: null,
              answered_at: null,
              created_at: iso(),
            })
            .execute();
          return { ...envelope(a.user), type: "request_analysis", requestId };
        },
        "site_case.analysis_requested",
        () => ({ requestId }),
      );
      return { id: requestId };
    },

    answerAnalysis(actor: Actor, id: string, requestId: string, decision: "grant" | "deny") {
      return act(
        actor,
        id,
        "operator",
        async (tx, a) => {
          const request = await tx
            .selectFrom("site_case_analysis_requests")
            .select("id")
            .where("id", "=", requestId)
            .where("site_case_id", "=", id)
            .executeTakeFirst();
          if (!request) throw notFound();
          await tx
            .updateTable("site_case_analysis_requests")
            .set({ decision, answered_by: a.user.userId, answered_at: iso() })
            .where("id", "=", requestId)
            .where("decision", "is", null)
            .execute();
          return { ...envelope(a.user), type: "answer_analysis", requestId, decision };
        },
        "site_case.analysis_answered",
        () => ({ requestId, decision }),
      );
    },

    /** R-WEB-5: desk ⇄ operator; bodies sealed at rest. */
    async postMessage(actor: Actor, id: string, body: string) {
      return workflow.transaction(async (tx) => {
        const a = await access(tx, actor, id);
        const side = isOperatorMember(a.user, a.row) ? "operator" : "intake";
        if (side === "intake" && !deskMayReadConfidential(a.user, a.report))
          throw forbidden("Take the report (assignment) to write to the operator.");
        if (side === "operator" && !canActAsOperator(a.user, a.row, a.assigned))
          throw forbidden("This is the site operator's action.");
        const messageId = await addMessage(tx, a, side, body);
        await decide(tx, id, { ...envelope(a.user), type: "post_message", messageId });
        await audit.record(tx, a.user, {
          type: "site_case.message_posted",
          subjectType: "site_case",
          subjectId: id,
          details: { messageId },
        });
        return { id: messageId };
      });
    },

    async messages(actor: Actor, id: string) {
      return db.transaction().execute(async (tx) => {
        const a = await access(tx, actor, id);
        if (!readsConfidential(a))
          throw forbidden("Take the report (assignment) to read the messages with the operator.");
        const rows = await messagesOf(tx, id);
        await audit.record(tx, a.user, {
          type: "site_case.messages_viewed",
          subjectType: "site_case",
          subjectId: id,
        });
        return rows.map((row) =>
          presentMessage(row, cipher.decrypt(row.body_sealed, messageContext(row.id))),
        );
      });
    },

    /** R-SEC-6: the operator's admin chooses which members see the case (admins always do). */
    async setMembers(actor: Actor, id: string, userIds: string[]) {
      return db.transaction().execute(async (tx) => {
        const a = await access(tx, actor, id);
        if (!canAssignMembers(a.user, a.row))
          throw forbidden("The operator organization's admin chooses who sees the case.");
        const { unknownUserIds } = await setCaseMembers(tx, {
          caseId: id,
          organizationId: a.row.operator_organization_id as string,
          userIds,
          assignedBy: a.user.userId,
          at: iso(),
        });
        if (unknownUserIds.length > 0)
          throw new ProblemError(
            422,
            "invalid_input",
            "Assign members of the organization.",
            unknownUserIds.map((userId) => ({
              path: "userIds",
              message: `${userId} is not a member`,
            })),
          );
        await audit.record(tx, a.user, {
          type: "site_case.members_set",
          subjectType: "site_case",
          subjectId: id,
          details: { userIds },
        });
        return { userIds: [...new Set(userIds)] };
      });
    },

    /**
     * What the claim page shows before anything is spent: the operator's name as the desk gave
     * it and the address the link went to. An unknown, used or expired link is a 404.
     */
    async claimPreview(token: string) {
      const claim = await usableClaim(db, token);
      if (!claim) throw notFound();
      return {
        siteCaseId: claim.site_case_id,
        operatorName: claim.operator_name,
        email: claim.email,
      };
    },

    /**
     * R-WEB-1: the mailed link. Signed out, it creates the person's account (the address the
     * link went to counts as confirmed) and a new site_operator organization with them as its
     * admin; they then sign in and enrol their second factor as every organization member
     * does. Signed in as a site operator's admin, the case goes to that organization. Either
     * way the workflow's claim runs and every link of the case is spent, in one transaction.
     */
    async claim(actor: Actor, input: ClaimInput) {
      const pending = await usableClaim(db, input.token);
      if (!pending) throw invalidToken();
      if (actor.kind === "user") {
        if (!isSignedIn(actor))
          throw new ProblemError(
            401,
            "second_factor_required",
            "Complete two-factor authentication first.",
          );
        if (!canClaimForOrganization(actor))
          throw forbidden(
            "Only a site operator's admin claims a case for an organization; open the link signed out to create a new operator account.",
          );
        const organization = actor.organization as NonNullable<UserActor["organization"]>;
        return workflow.transaction(async (tx) => {
          const siteCaseId = await takeClaim(tx, input.token);
          await decide(tx, siteCaseId, {
            type: "claim_site_case",
            commandId: newId(),
            at: iso(),
            actor: { kind: "site_operator", userId: actor.userId, orgId: organization.id },
          });
          await audit.record(tx, actor, {
            type: "site_case.claimed",
            subjectType: "site_case",
            subjectId: siteCaseId,
            details: { organizationId: organization.id },
          });
          return { siteCaseId, organizationId: organization.id, userId: actor.userId };
        });
      }
      const email = pending.email.toLowerCase();
      const errors: { path: string; message: string }[] = [];
      if (!input.name) errors.push({ path: "name", message: "required" });
      if (!input.password) errors.push({ path: "password", message: "required" });
      if (errors.length > 0)
        throw new ProblemError(422, "invalid_input", "Give your name and a password.", errors);
      const password = input.password as string;
      const weak = passwordProblem(password, email);
      if (weak)
        throw new ProblemError(422, "weak_password", `The password is not acceptable: ${weak}.`, [
          { path: "password", message: weak },
        ]);
      if (await emailTaken(db, email)) throw emailTakenProblem();
      const passwordHash = await hashPassword(password);
      const language: Language = input.language ?? "ja";
      const organizationName = input.organizationName ?? pending.operator_name ?? email;
      return workflow.transaction(async (tx) => {
        const siteCaseId = await takeClaim(tx, input.token);
        if (await emailTaken(tx, email)) throw emailTakenProblem();
        const userId = newId();
        const organizationId = newId();
        // The link reached this address: it is confirmed.
        await createUser(tx, {
          id: userId,
          email,
          name: (input.name as string).trim(),
          language,
          passwordHash,
          emailVerifiedAt: iso(),
          at: iso(),
        });
        await createOrganization(tx, {
          id: organizationId,
          type: "site_operator",
          name: organizationName,
          contactEmails: [email],
          at: iso(),
        });
        await addMembership(tx, { userId, organizationId, role: "admin", at: iso() });
        await audit.record(tx, actor, {
          type: "user.created",
          subjectType: "user",
          subjectId: userId,
          details: { organizationId, role: "admin", via: "site_case_claim" },
        });
        await audit.record(tx, actor, {
          type: "organization.created",
          subjectType: "organization",
          subjectId: organizationId,
          details: { type: "site_operator", via: "site_case_claim" },
        });
        await decide(tx, siteCaseId, {
          type: "claim_site_case",
          commandId: newId(),
          at: iso(),
          actor: { kind: "site_operator", userId, orgId: organizationId },
        });
        await audit.record(tx, actor, {
          type: "site_case.claimed",
          subjectType: "site_case",
          subjectId: siteCaseId,
          details: { organizationId, userId },
        });
        return { siteCaseId, organizationId, userId };
      });
    },

    /** R-WEB-4: public, newest first. */
    async leakNotices(query: { limit: number; cursor?: string | undefined }) {
      const after = decodeCursor(query.cursor, 2);
      let select = publicLeakNotices(db);
      if (after) {
        const [publishedAt, id] = after as [string, string];
        select = select.where((eb) =>
          eb.or([
            eb("leak_notices.published_at", "<", publishedAt),
            eb.and([
              eb("leak_notices.published_at", "=", publishedAt),
              eb("leak_notices.id", "<", id),
            ]),
          ]),
        );
      }
      const rows = await select
        .orderBy("leak_notices.published_at", "desc")
        .orderBy("leak_notices.id", "desc")
        .limit(query.limit + 1)
        .execute();
      const result = page(rows, query.limit, (row) => [row.published_at, row.id]);
      return { items: result.items.map(presentLeakNotice), nextCursor: result.nextCursor };
    },

    async leakNotice(id: string) {
      const row = await publicLeakNotices(db).where("leak_notices.id", "=", id).executeTakeFirst();
      if (!row) throw notFound();
      return presentLeakNotice(row);
    },
  };

  async function usableClaim(executor: Executor, token: string) {
    return executor
      .selectFrom("site_case_claims")
      .innerJoin("site_cases", "site_cases.id", "site_case_claims.site_case_id")
      .select([
        "site_case_claims.site_case_id",
        "site_case_claims.email",
        "site_cases.operator_name",
      ])
      .where("site_case_claims.token_hash", "=", hashSecret(token))
      .where("site_case_claims.used_at", "is", null)
      .where("site_case_claims.expires_at", ">", iso())
      .executeTakeFirst();
  }

  /** Spends the link in one statement, so two requests with it cannot both claim. */
  async function takeClaim(tx: Tx, token: string): Promise<string> {
    const taken = await tx
      .updateTable("site_case_claims")
      .set({ used_at: iso() })
      .where("token_hash", "=", hashSecret(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", iso())
      .returning("site_case_id")
      .executeTakeFirst();
    if (!taken) throw invalidToken();
    return taken.site_case_id;
  }

  return service;
}

async function emailTaken(executor: Executor, email: string): Promise<boolean> {
  const row = await executor
    .selectFrom("users")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirst();
  return row !== undefined;
}

function emailTakenProblem() {
  return new ProblemError(
    409,
    "email_taken",
    "An account with this address exists: sign in with it; an admin of a site operator organization can claim the case for it.",
  );
}

export type SiteCasesService = ReturnType<typeof createSiteCasesService>;
