import { z } from "zod";
import { notFound } from "../../../platform/http/problem.ts";
import { newId } from "../../../platform/ids.ts";
import { blank, formInstant } from "../../actions/form-values.ts";
import {
  proposalAnswerBody,
  scheduleBody,
  scheduleDecisionBody,
  scheduleProposalBody,
  scheduleRequestBody,
} from "../cases.schemas.ts";
import { COORDINATOR, caseAction, createdId, id, VENDOR } from "./shared.ts";

/** The schedule of a case: the coordinator sets it, a vendor asks for another date, a CSIRT agrees to a proposed one (W-5, W-6). */
export const scheduleActions = {
  reviseSchedule: caseAction({
    method: "POST",
    path: "schedule",
    summary: "Set or revise the schedule (publication date, countermeasure due date)",
    body: scheduleBody,
    viewers: COORDINATOR,
    audit: "case.schedule_revised",
    run: async ({ execute, visible }, input) => {
      await execute({
        type: "revise_schedule",
        publishAt: input.publishAt,
        countermeasureDue:
          input.countermeasureDue ?? visible.state.schedule?.countermeasureDue ?? null,
        reason: input.reason,
        exceedReason: input.exceedReason ?? null,
        csirtProposalId: input.csirtProposalId ?? null,
      });
    },
    form: {
      name: "schedule",
      done: "scheduleRevised",
      notice: "casePages.notice.scheduleRevised",
      fields: {
        publishAt: { label: "casePages.schedule.publishAt", kind: "datetime" },
        countermeasureDue: { label: "casePages.schedule.countermeasureDue", kind: "datetime" },
        scheduleReason: { label: "casePages.revise.reason" },
        exceedReason: { label: "casePages.revise.exceedReason" },
      },
      apiFields: { reason: "scheduleReason" },
      input: (v) => ({
        publishAt: formInstant(v.publishAt),
        // An emptied field clears the countermeasure date.
        countermeasureDue: formInstant(v.countermeasureDue) ?? null,
        reason: blank(v.scheduleReason),
        exceedReason: blank(v.exceedReason),
      }),
    },
  }),

  proposeScheduleToCsirt: caseAction({
    method: "POST",
    path: "schedule-proposals",
    summary: "Propose a new date to the CSIRT of a CSIRT's case, which answers first (W-5)",
    body: scheduleProposalBody,
    viewers: COORDINATOR,
    audit: "case.schedule_proposed_to_csirt",
    answer: createdId,
    run: async ({ execute }, input) => {
      const proposalId = newId();
      await execute({
        type: "propose_schedule_to_csirt",
        proposalId,
        publishAt: input.publishAt,
        countermeasureDue: input.countermeasureDue ?? null,
        reason: input.reason,
      });
      return proposalId;
    },
  }),

  decideScheduleRequest: caseAction({
    method: "POST",
    path: "schedule-requests/:rid/decide",
    summary: "Accept or decline a vendor's schedule request",
    params: z.object({ rid: id }),
    body: scheduleDecisionBody,
    viewers: COORDINATOR,
    audit: "case.schedule_request_decided",
    run: async ({ execute, visible }, input) => {
      if (!visible.state.scheduleRequests.some((r) => r.id === input.rid)) throw notFound();
      await execute({
        type: "decide_schedule_request",
        requestId: input.rid,
        decision: input.decision,
        reason: input.reason,
        exceedReason: input.exceedReason ?? null,
      });
    },
    form: {
      name: "decide",
      path: "schedule-requests/decide",
      done: "requestDecided",
      notice: "casePages.notice.requestDecided",
      fields: {
        requestId: { label: "casePages.decide.request" },
        decision: { label: "casePages.decide.decision" },
        decisionReason: { label: "casePages.decide.reason" },
        decisionExceedReason: { label: "casePages.revise.exceedReason" },
      },
      apiFields: {
        rid: "requestId",
        reason: "decisionReason",
        exceedReason: "decisionExceedReason",
      },
    },
  }),

  answerScheduleProposal: caseAction({
    method: "POST",
    path: "schedule-proposals/:pid/answer",
    summary: "The CSIRT agrees to or refuses the coordinator's proposed date (W-5)",
    params: z.object({ pid: id }),
    body: proposalAnswerBody,
    viewers: ["csirt"],
    audit: "case.schedule_proposal_answered",
    run: async ({ execute, visible }, input) => {
      if (!visible.state.csirtProposals.some((p) => p.id === input.pid)) throw notFound();
      await execute({
        type: "answer_schedule_proposal",
        proposalId: input.pid,
        decision: input.decision,
        ...(input.note ? { note: input.note } : {}),
      });
    },
  }),

  requestSchedule: caseAction({
    method: "POST",
    path: "schedule-requests",
    summary: "Ask the coordinator for another publication date",
    body: scheduleRequestBody,
    viewers: VENDOR,
    audit: "case.schedule_requested",
    answer: createdId,
    run: async ({ execute }, input) => {
      const requestId = newId();
      await execute({
        type: "request_schedule",
        requestId,
        publishAt: input.publishAt,
        reason: input.reason,
      });
      return requestId;
    },
    form: {
      name: "scheduleRequest",
      done: "scheduleRequested",
      notice: "casePages.notice.scheduleRequested",
      fields: {
        requestPublishAt: { label: "casePages.scheduleRequest.publishAt", kind: "datetime" },
        requestReason: { label: "casePages.scheduleRequest.reason" },
      },
      apiFields: { publishAt: "requestPublishAt", reason: "requestReason" },
      input: (v) => ({
        publishAt: formInstant(v.requestPublishAt),
        reason: blank(v.requestReason),
      }),
    },
  }),
};
