import { created } from "../../platform/http/openapi.ts";
/**
 * The declarative action table: one entry per action on a report, case or site case says who
 * may take it, what it takes, what it runs, how it is audited, how the API answers and which
 * form the page shows. The service methods, the `/api/v1` routes and the page form handlers are
 * all derived from the table (`deriveActionMethods`, `registerActionRoutes`,
 * `registerActionForms`), so adding an action is one entry here, one rule in the machine and its
 * catalog strings.
 */

import { type ZodObject, type ZodRawShape, type ZodType, z } from "zod";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db } from "../../platform/db/database.ts";
import { invalidFromZod } from "../../platform/http/problem.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { ActionContext, ActionPipeline } from "../../workflow/actions.ts";
import type { AggregateType } from "../../workflow/machines.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import type { Audit } from "../audit/audit.ts";
import type { AuditType } from "../audit/audit-types.ts";

/** One field of an action's page form, as the generic form renders it. */
export interface FormFieldSpec {
  label: MessageKey;
  hint?: MessageKey;
  /** `text` (default), `textarea`, `datetime` (Tokyo time), `select` (from `options`). */
  kind?: "text" | "textarea" | "datetime" | "select";
  /** A select's choices: fixed ones with labels from the catalogs… */
  options?: readonly { value: string; label: MessageKey }[];
  /** …or taken from the record as the caller sees it (its vendors, its requests). */
  choices?(record: never): { value: string; label: string }[];
}

/** The page form of an action. */
export interface ActionFormSpec {
  /** The form's name on the page, for its values and errors. */
  name: string;
  /**
   * Where the page form posts, below the record's page, when not at the API's path: the form
   * then sends the path parameters as fields (a select of vendors, of requests).
   */
  path?: string;
  /** `?done=<done>` on the redirect after success; the page shows `notice` for it. */
  done: string;
  /** The page's field names, in form order. */
  fields: Readonly<Record<string, FormFieldSpec>>;
  /** Input field (of params and body) → page field, where they differ. */
  apiFields?: Readonly<Record<string, string>>;
  /**
   * From the form's values (and the raw body, for repeated fields) to the action's input before
   * the schema checks it. Absent: each input field from the page field of the same name, a blank
   * field left out.
   */
  input?(values: Readonly<Record<string, string>>, raw: unknown): Record<string, unknown>;
  /** The notice shown after the redirect back to the record. */
  notice: MessageKey;
  /**
   * The heading of the generic form and its submit button. Absent only for actions whose form
   * a page draws itself (it names the action's key in its list of custom forms).
   */
  heading?: MessageKey;
  submit?: MessageKey;
  /** The part of the record's page the generic form sits in; absent: with its other actions. */
  section?: string;
  /** A rarely used action: the page folds its form under its heading. */
  rare?: boolean;
  /**
   * Whether the page offers the form for this record as the caller sees it (absent: always), so
   * that a form the action would refuse for the record's kind is not shown at all.
   */
  offered?(record: unknown): boolean;
}

/**
 * What an action's `run` is given: the pipeline's context (the transaction, the record as the
 * caller sees it, `execute`), the service's tools (its cipher and the like) and the checked input.
 */
export type ActionRun<A extends AggregateType, Visible, Tools, Input, Result> = (
  context: ActionContext<A, Visible> & Tools,
  input: Input,
) => Promise<Result>;

export interface ActionDefinition<
  A extends AggregateType,
  Visible,
  Tools,
  Params extends ZodRawShape,
  Body extends ZodRawShape,
  Result,
  Out = never,
  AuditName extends string = string,
> {
  method: "POST" | "PUT";
  /** Below the record's own path, e.g. `acknowledge` or `vendors/:orgId/notify`. */
  path: string;
  /** The OpenAPI summary. */
  summary: string;
  /** Path parameters other than the record's `id`. */
  params?: ZodObject<Params>;
  body?: ZodObject<Body>;
  /** The kinds of viewer that may take it (403 for any other that may see the record). */
  viewers: readonly string[];
  /** The audit entry's type; the audit module's union of types takes every table's. */
  audit: AuditName;
  /** References and field names for the audit entry: never content. */
  details?(input: ActionInput<Params, Body>, result: Result): Record<string, unknown>;
  run: ActionRun<A, Visible, Tools, ActionInput<Params, Body>, Result>;
  /**
   * The API's answer. Absent: 200 with the record as the caller now sees it. `createdView`: 201
   * with the record. An object: 201 with what `body` makes of `run`'s result and the record,
   * described by `schema`.
   */
  answer?: "createdView" | ActionCreatedAnswer<Result, Out>;
  form?: ActionFormSpec;
}

export interface ActionCreatedAnswer<Result, Out> {
  schema: ZodType<Out>;
  body(result: Result, view: unknown): Out;
}

/** The output of a shape's schema; nothing at all for an empty shape. */
type ShapeOutput<S extends ZodRawShape> = keyof S extends never ? unknown : z.output<ZodObject<S>>;
type ShapeInput<S extends ZodRawShape> = keyof S extends never ? unknown : z.input<ZodObject<S>>;

/** What `run` gets: the checked path parameters and body, in one object. */
export type ActionInput<
  Params extends ZodRawShape,
  Body extends ZodRawShape,
> = ShapeOutput<Params> & ShapeOutput<Body>;
/** What a caller of a derived method passes: the same, before the schema's transformations. */
export type ActionRawInput<
  Params extends ZodRawShape,
  Body extends ZodRawShape,
> = ShapeInput<Params> & ShapeInput<Body>;

/** Any entry of a table, whatever its input and result (what the derivations need of it). */
export type AnyAction<A extends AggregateType, Visible, Tools> = Omit<
  ActionDefinition<A, Visible, Tools, ZodRawShape, ZodRawShape, unknown>,
  "details" | "run" | "answer"
> & {
  details?(input: never, result: never): Record<string, unknown>;
  run(context: ActionContext<A, Visible> & Tools, input: never): Promise<unknown>;
  answer?: "createdView" | { schema: ZodType; body(result: never, view: unknown): unknown };
};

/**
 * The entry maker of one aggregate's table: `const caseAction = actionsOf<"case", CaseVisible,
 * CaseTools>();` then `caseAction({ … })` infers each entry's input and result types.
 */
export function actionsOf<A extends AggregateType, Visible, Tools>() {
  return <
    Params extends ZodRawShape = Record<never, never>,
    Body extends ZodRawShape = Record<never, never>,
    Result = void,
    Out = never,
    const AuditName extends string = string,
  >(
    definition: ActionDefinition<A, Visible, Tools, Params, Body, Result, Out, AuditName>,
  ): ActionDefinition<A, Visible, Tools, Params, Body, Result, Out, AuditName> => definition;
}

type InputOf<D> = D extends { params?: ZodObject<infer P>; body?: ZodObject<infer B> }
  ? ActionRawInput<P, B>
  : never;
/** What a derived method answers: what the entry's `answer.body` makes, or the record's view. */
type AnswerOf<D, View> = D extends { answer?: infer Answer }
  ? [Exclude<Answer, "createdView" | undefined>] extends [never]
    ? View
    : Exclude<Answer, "createdView" | undefined> extends { body(...args: never[]): infer Out }
      ? // An entry without an answer of its own still has the declared type's (its Out never).
        [Out] extends [never]
        ? View
        : Out
      : View
  : View;

export type ActionMethods<Table, Caller, View> = {
  [K in keyof Table]: (
    actor: Caller,
    id: string,
    ...input: Record<never, never> extends InputOf<Table[K]>
      ? [input?: InputOf<Table[K]>]
      : [input: InputOf<Table[K]>]
  ) => Promise<AnswerOf<Table[K], View>>;
};

/** The schema of an action's whole input: its path parameters and its body, in one object. */
export function inputSchema(action: {
  params?: ZodObject<ZodRawShape> | undefined;
  body?: ZodObject<ZodRawShape> | undefined;
}): ZodObject<ZodRawShape> {
  // `safeExtend` keeps the body's own cross-field rules (refinements); `z.object` would drop them.
  const params = action.params?.shape ?? {};
  return action.body ? action.body.safeExtend(params) : z.object(params);
}

/**
 * One service method per table entry: the input is checked with the entry's schema (422 with
 * the fields otherwise), the pipeline runs the entry, and the method answers what the API
 * answers (the record as the caller now sees it, or the entry's `answer.body`).
 */
export function deriveActionMethods<
  A extends AggregateType,
  Caller,
  Visible,
  Tools,
  View,
  Table extends Record<string, AnyAction<A, Visible, Tools>>,
>(
  table: Table,
  pipeline: ActionPipeline<A, Caller, Visible, View, AuditType>,
  tools: Tools,
): ActionMethods<Table, Caller, View> {
  const methods: Record<string, unknown> = {};
  for (const [name, action] of Object.entries(table)) {
    const schema = inputSchema(action);
    methods[name] = async (actor: Caller, id: string, raw: unknown = {}) => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw invalidFromZod(parsed.error);
      const input = parsed.data;
      const { result, view } = await pipeline.run(actor, id, {
        viewers: action.viewers,
        // The audit module's union takes every table's types (AuditTypesOf), so this one is in it.
        audit: action.audit as AuditType,
        details: (result) => action.details?.(input as never, result as never) ?? {},
        work: (context) => action.run({ ...context, ...tools }, input as never),
      });
      return typeof action.answer === "object" ? action.answer.body(result as never, view) : view;
    };
  }
  return methods as ActionMethods<Table, Caller, View>;
}

/** What a service of workflow records (reports, cases, site cases) is built from. */
export interface RecordServiceDeps {
  db: Db;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  workflow: WorkflowStore;
}

/** The audit types of a table's entries, as a union of literals. */
export type AuditTypesOf<Table> = {
  [K in keyof Table]: Table[K] extends { audit: infer Name extends string } ? Name : never;
}[keyof Table];

/** The answer of an action that makes something new (a request, a message): 201 `{ id }`. */
export const createdIdAnswer = {
  schema: created,
  body: (result: string) => ({ id: result }),
};
