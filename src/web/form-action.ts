/**
 * The one way a page handles a form that runs an action: read the form's strings, let the
 * action's own schema and the service decide, and either redirect back with a notice (303) or
 * draw the page again with the values and readable errors beside the fields. A record the
 * caller may not see goes to the error page (404); a denial is audited like any other.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Actor, isSignedIn, type UserActor } from "../modules/access/actor.ts";
import type { ActionFormSpec } from "../modules/actions/action-table.ts";
import { ProblemError, unauthenticated } from "../platform/http/problem.ts";
import type { MessageKey, Translate } from "../platform/i18n/i18n.ts";
import type { FieldError } from "./components.tsx";
import { formFields } from "./forms.ts";
import { pageContext } from "./render.ts";

/** A form sent back to its page: which form, what was typed, what is wrong. */
export interface SentForm {
  name: string;
  values: Record<string, string>;
  errors: FieldError[];
}

/** The words a page uses for refusals; a refusal's code picks its own words where it has some. */
export interface RefusalWords {
  /** `{field}` is the field's label. */
  required: MessageKey;
  invalid: MessageKey;
  generic: MessageKey;
  forbidden: MessageKey;
  conflict: MessageKey;
  transition: MessageKey;
  /** A problem's or a field error's code → its words (e.g. `nda_required`). */
  codes?: Readonly<Record<string, MessageKey>>;
  /** Words for one field error of the service, when its code alone does not say it. */
  detail?(t: Translate, error: { path: string; message: string; code?: string }): string | null;
}

export interface FormAction {
  /** The form's name on the page, for its values and errors. */
  name: string;
  /** Page field → label, in form order. */
  fields: Readonly<Record<string, MessageKey>>;
  /** Service input field → page field, where they differ. */
  apiFields?: Readonly<Record<string, string>> | undefined;
  /** Runs the action; a thrown ProblemError is shown beside the form. */
  run(request: FastifyRequest, actor: UserActor, values: Record<string, string>): Promise<unknown>;
  /** Where to go after success. */
  done(request: FastifyRequest): string;
  /** Draws the record's page again with the form sent back. */
  again(
    request: FastifyRequest,
    reply: FastifyReply,
    form: SentForm,
    status: number,
  ): Promise<unknown>;
  words: RefusalWords;
  recordDenied(actor: Actor, entry: { method: string; route: string; code: string }): Promise<void>;
}

export function signedInUser(request: FastifyRequest): UserActor {
  const actor = request.ctx.actor;
  if (!isSignedIn(actor)) throw unauthenticated();
  return actor;
}

/** The handler of one form. */
export function formActionHandler(action: FormAction) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = signedInUser(request);
    const { t } = pageContext(request, reply);
    const body = formFields(request.body);
    const values: Record<string, string> = {};
    for (const field of Object.keys(action.fields)) values[field] = body[field] ?? "";
    const words = action.words;
    const fieldError = (path: string, message?: string | null): FieldError => {
      const top = path.split(".")[0] ?? "";
      const field = action.apiFields?.[top] ?? top;
      const label = action.fields[field];
      if (!label) return { path: "", message: message ?? t(words.generic) };
      const text =
        message ??
        ((values[field] ?? "").trim() === ""
          ? t(words.required, { field: t(label) })
          : t(words.invalid, { field: t(label) }));
      return { path: field, message: text };
    };
    const again = (errors: FieldError[], status: number) =>
      action.again(request, reply, { name: action.name, values, errors }, status);
    try {
      await action.run(request, actor, values);
    } catch (error) {
      if (!(error instanceof ProblemError) || error.status === 404 || error.status >= 500) {
        throw error;
      }
      if (error.status === 422) {
        const seen = new Set<string>();
        const errors = (
          error.errors?.length
            ? error.errors.map((entry) => {
                const code = entry.code;
                const coded = code ? words.codes?.[code] : undefined;
                return fieldError(
                  entry.path,
                  coded ? t(coded) : (words.detail?.(t, entry) ?? null),
                );
              })
            : [{ path: "", message: t(words.codes?.[error.code] ?? words.generic) }]
        ).filter((entry) => {
          const key = `${entry.path}:${entry.message}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        return again(errors, 422);
      }
      if (error.status === 403) {
        // Shown on the page rather than the error page, but kept like any denial (R-SEC-2).
        await action.recordDenied(actor, {
          method: request.method,
          route: request.routeOptions.url ?? request.url.split("?")[0] ?? "",
          code: error.code,
        });
      }
      if (error.status === 403 || error.status === 409) {
        const coded = words.codes?.[error.code];
        const message = coded
          ? t(coded)
          : error.status === 403
            ? t(words.forbidden)
            : error.code === "conflict"
              ? t(words.conflict)
              : t(words.transition);
        return again([{ path: "", message }], error.status);
      }
      throw error;
    }
    return reply.redirect(action.done(request), 303);
  };
}

const recordId = z.string().min(1).max(100);

/**
 * The page form handler of every entry of an action table that has a form: `POST
 * <base>/:id/<form path or API path>`, the path's parameters and the form's fields turned into
 * the action's input, the table's method run, and back to `<base>/:id?done=<done>`.
 */
export function registerActionForms(
  app: FastifyInstance,
  options: {
    base: string;
    table: Readonly<Record<string, { path: string; form?: ActionFormSpec | undefined }>>;
    methods: Readonly<Record<string, unknown>>;
    again: FormAction["again"];
    words: RefusalWords;
    recordDenied: FormAction["recordDenied"];
  },
) {
  const pages = app.withTypeProvider<ZodTypeProvider>();
  for (const [name, entry] of Object.entries(options.table)) {
    const form = entry.form;
    if (!form) continue;
    const path = form.path ?? entry.path;
    const paramNames = [...path.matchAll(/:(\w+)/g)].map((match) => match[1] as string);
    const method = options.methods[name] as (
      actor: Actor,
      id: string,
      input: Record<string, unknown>,
    ) => Promise<unknown>;
    const labels = Object.fromEntries(
      Object.entries(form.fields).map(([field, spec]) => [field, spec.label]),
    );
    pages.post(
      `${options.base}/:id/${path}`,
      {
        config: { access: "signed_in" },
        schema: {
          hide: true,
          params: z.object({
            id: recordId,
            ...Object.fromEntries(paramNames.map((param) => [param, recordId])),
          }),
        },
      },
      formActionHandler({
        name: form.name,
        fields: labels,
        apiFields: form.apiFields,
        words: options.words,
        again: options.again,
        recordDenied: options.recordDenied,
        done: (request) =>
          `${options.base}/${encodeURIComponent((request.params as { id: string }).id)}?done=${form.done}`,
        run: (request, actor, values) => {
          const { id, ...params } = request.params as { id: string } & Record<string, string>;
          return method(actor, id, { ...params, ...formInput(form, values, request.body) });
        },
      }),
    );
  }
}

/** The action's input from the form: the entry's own mapping, or field by field. */
function formInput(
  form: ActionFormSpec,
  values: Record<string, string>,
  raw: unknown,
): Record<string, unknown> {
  if (form.input) return form.input(values, raw);
  const byPageField = new Map(
    Object.entries(form.apiFields ?? {}).map(([api, page]) => [page, api]),
  );
  const input: Record<string, unknown> = {};
  for (const field of Object.keys(form.fields)) {
    const value = (values[field] ?? "").trim();
    if (value !== "") input[byPageField.get(field) ?? field] = value;
  }
  return input;
}

/** The notice of `?done=<done>` on a record page of this table, if it names one of its forms. */
export function noticeOf(
  table: Readonly<Record<string, { form?: ActionFormSpec | undefined }>>,
  done: unknown,
): MessageKey | null {
  if (typeof done !== "string") return null;
  for (const entry of Object.values(table)) {
    if (entry.form?.done === done) return entry.form.notice;
  }
  return null;
}
