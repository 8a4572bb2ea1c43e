/**
 * What every machine shares: instants, actors, audiences, rejections, the command and event
 * envelopes, and the small engine that stamps events and applies them while deciding.
 *
 * Nothing here reads the clock or touches a database: a command carries its time (`at`) and
 * its actor; a machine's `decide` turns (state, command) into events or a rejection, and its
 * `evolve` folds one event into the state.
 */

/** An ISO 8601 UTC instant in the canonical form `toISOString()` gives (text order = time order). */
export type Instant = string;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function isInstant(value: unknown): value is Instant {
  if (typeof value !== "string" || !INSTANT.test(value)) return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export function addMs(at: Instant, ms: number): Instant {
  return new Date(Date.parse(at) + ms).toISOString();
}

export function addDays(at: Instant, days: number): Instant {
  return addMs(at, days * DAY_MS);
}

export function laterOf(a: Instant, b: Instant): Instant {
  return a >= b ? a : b;
}

/**
 * Who issues a command, as the machines need to know it: the kind of party and, for
 * organizations that take part in a case, which one. The services build it from the request's
 * Actor; `system` is the scheduler (timers) and the follow-ups between aggregates.
 */
export type WorkflowActor =
  | { kind: "system" }
  | { kind: "finder"; userId: string }
  | { kind: "intake"; userId: string }
  | { kind: "coordinator"; userId: string }
  | { kind: "vendor"; userId: string; orgId: string }
  | { kind: "csirt"; userId: string; orgId: string }
  | { kind: "site_operator"; userId: string; orgId: string };

export type ActorKind = WorkflowActor["kind"];

export const SCHEDULER: WorkflowActor = { kind: "system" };

/**
 * Who an event reaches. Services deliver notifications and show history per audience; the
 * machines compute it, so a rule such as "no vendor sees another vendor's statement before
 * publication" (W-4) is decided here, once. `public` has a channel: the advisory (case content),
 * the list of unreachable vendors (a name, later a product; no vulnerability detail), and the
 * operator's leak notice (the only public output of a web case).
 */
export type Recipient =
  | { kind: "intake" }
  | { kind: "coordinator" }
  | { kind: "finder" }
  | { kind: "vendor"; orgId: string }
  | { kind: "csirt"; orgId: string }
  | { kind: "site_operator"; orgId: string | null }
  | { kind: "public"; channel: "advisory" | "unreachable_list" | "leak_notice" };

export function sameRecipient(a: Recipient, b: Recipient): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const INTAKE: Recipient = { kind: "intake" };
export const COORDINATOR: Recipient = { kind: "coordinator" };
export const FINDER: Recipient = { kind: "finder" };
export const PUBLIC_ADVISORY: Recipient = { kind: "public", channel: "advisory" };

export type RejectionCode =
  | "transition_not_allowed"
  | "nda_required"
  | "forbidden"
  | "invalid_input";

export interface InputIssue {
  path: string;
  message: string;
  /** A machine-readable reason the pages translate (`in_past`, `reason_required`, …). */
  code?: string;
}

/** Why a command was refused; the HTTP layer maps `code` to API.md's status and code. */
export interface Rejection {
  code: RejectionCode;
  message: string;
  /** The command's type. */
  command: string;
  /** The status the aggregate (or participant) was in, where a transition was refused. */
  state?: string | null;
  /** For invalid_input: which fields and why. */
  details?: InputIssue[];
}

export interface CommandBase {
  type: string;
  /** Unique per command; a command whose id was already applied is a no-op (W-1). */
  commandId: string;
  at: Instant;
  actor: WorkflowActor;
}

/** What every stored event carries besides its own fields. */
export interface EventMeta {
  type: string;
  at: Instant;
  commandId: string;
  actor: WorkflowActor;
  /** Who this event reaches (empty: internal bookkeeping such as timers). */
  audience: Recipient[];
}

/** The state fields every machine keeps: the ids of the commands already applied. */
export interface StateBase {
  id: string;
  commandIds: string[];
}

export type Decision<E> = { ok: true; events: E[] } | { ok: false; rejection: Rejection };

export function reject(
  command: { type: string },
  code: RejectionCode,
  message: string,
  extra: { state?: string | null; details?: InputIssue[] } = {},
): { ok: false; rejection: Rejection } {
  return {
    ok: false,
    rejection: {
      code,
      message,
      command: command.type,
      ...(extra.state !== undefined ? { state: extra.state } : {}),
      ...(extra.details ? { details: extra.details } : {}),
    },
  };
}

export function invalid(
  command: { type: string },
  issues: InputIssue[],
): { ok: false; rejection: Rejection } {
  return reject(command, "invalid_input", issues.map((i) => `${i.path}: ${i.message}`).join("; "), {
    details: issues,
  });
}

export type Refusal = { ok: false; rejection: Rejection };

/** invalid_input about one field. */
export function invalidField(command: { type: string }, path: string, message: string): Refusal {
  return invalid(command, [{ path, message }]);
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && (value as Refusal).ok === false;
}

/** A refusal because the aggregate's status does not allow a trigger, or it does not exist. */
export function statusRefusal(
  command: { type: string },
  noun: string,
  status: string | null,
  trigger: string,
): Refusal {
  return notAllowed(
    command,
    status === null
      ? `the ${noun} does not exist`
      : `a ${noun} in ${status} does not allow ${trigger}`,
    status,
  );
}

/** A refusal because the aggregate (or a participant) is in a status that does not allow it. */
export function notAllowed(
  command: { type: string },
  message: string,
  state: string | null,
): Refusal {
  return reject(command, "transition_not_allowed", message, { state });
}

/** Checks shared by every command: an id, a canonical instant, a well-formed actor. */
export function checkEnvelope(command: CommandBase): Refusal | null {
  const issues: InputIssue[] = [];
  if (typeof command.commandId !== "string" || command.commandId.length === 0) {
    issues.push({ path: "commandId", message: "must be a non-empty string" });
  }
  if (!isInstant(command.at)) {
    issues.push({
      path: "at",
      message: "must be an ISO 8601 UTC instant (YYYY-MM-DDTHH:mm:ss.sssZ)",
    });
  }
  const actor = command.actor as WorkflowActor | undefined;
  if (!actor || typeof actor !== "object") {
    issues.push({ path: "actor", message: "is required" });
  } else if (actor.kind !== "system") {
    if (typeof actor.userId !== "string" || actor.userId.length === 0) {
      issues.push({ path: "actor.userId", message: "is required" });
    }
    if (
      (actor.kind === "vendor" || actor.kind === "csirt" || actor.kind === "site_operator") &&
      (typeof actor.orgId !== "string" || actor.orgId.length === 0)
    ) {
      issues.push({ path: "actor.orgId", message: "is required" });
    }
  }
  return issues.length > 0 ? invalid(command, issues) : null;
}

export function requireActor(command: CommandBase, ...kinds: ActorKind[]): Refusal | null {
  if (kinds.includes(command.actor.kind)) return null;
  return reject(
    command,
    "forbidden",
    `${command.type} is not an action of a ${command.actor.kind}`,
  );
}

export function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0;
}

/** Field checks that collect every problem of a command's input. */
export class Issues {
  readonly list: InputIssue[] = [];
  add(path: string, message: string, code?: string): this {
    this.list.push(code ? { path, message, code } : { path, message });
    return this;
  }
  text(path: string, value: unknown): this {
    if (!nonEmpty(value)) this.add(path, "must be a non-empty string");
    return this;
  }
  instant(path: string, value: unknown): this {
    if (!isInstant(value)) this.add(path, "must be an ISO 8601 UTC instant");
    return this;
  }
  /** The id is not taken by one of the items yet. */
  unused(path: string, id: unknown, items: readonly { id: string }[]): this {
    if (items.some((item) => item.id === id)) this.add(path, "exists already");
    return this;
  }
  oneOf(path: string, value: unknown, allowed: readonly string[]): this {
    if (typeof value !== "string" || !allowed.includes(value)) {
      this.add(path, `must be one of ${allowed.join(", ")}`);
    }
    return this;
  }
  refusal(command: { type: string }): Refusal | null {
    return this.list.length > 0 ? invalid(command, this.list) : null;
  }
}

/** An event without its envelope (what a machine's rules produce). */
export type EventBody<E> = E extends unknown ? Omit<E, "at" | "commandId" | "actor"> : never;

/**
 * Emits events while deciding: stamps each with the command's envelope and applies it at once,
 * so later rules of the same command see the state the earlier events made.
 */
export class Emitter<S, E extends EventMeta> {
  readonly events: E[] = [];
  constructor(
    public state: S,
    private readonly command: CommandBase,
    private readonly evolve: (state: S, event: E) => S,
  ) {}

  emit(body: EventBody<E>): void {
    const event = {
      ...body,
      at: this.command.at,
      commandId: this.command.commandId,
      actor: this.command.actor,
    } as unknown as E;
    this.events.push(event);
    this.state = this.evolve(this.state, event);
  }

  done(): Decision<E> {
    return { ok: true, events: this.events };
  }
}

/** Records the command id of an applied event (once). */
export function rememberCommand<S extends StateBase>(state: S, commandId: string): S {
  return state.commandIds.includes(commandId)
    ? state
    : { ...state, commandIds: [...state.commandIds, commandId] };
}

/** A pending timer: the persistence layer turns its `timer_set` event into a job. */
export interface Timer {
  id: string;
  kind: string;
  dueAt: Instant;
  /** The participant (or operator) a ladder timer is about. */
  orgId: string | null;
  /** Ladder timers: the ladder generation they belong to (a reply starts a new one). */
  generation: number | null;
  /** Schedule timers: the schedule revision they belong to. */
  revision: number | null;
}

/** What a machine with timers keeps: the pending timers and how many were ever set. */
export interface TimerKeeping {
  timers: Timer[];
  timerSeq: number;
}

/** The next timer of an aggregate (its id numbers the timers set so far). */
export function nextTimer(
  state: TimerKeeping,
  kind: string,
  dueAt: Instant,
  about: { orgId?: string; generation?: number; revision?: number },
): Timer {
  return {
    id: `${kind}#${state.timerSeq + 1}`,
    kind,
    dueAt,
    orgId: about.orgId ?? null,
    generation: about.generation ?? null,
    revision: about.revision ?? null,
  };
}

/** `timer_set` applied. */
export function withTimer<S extends TimerKeeping>(state: S, timer: Timer): S {
  return { ...state, timers: [...state.timers, timer], timerSeq: state.timerSeq + 1 };
}

/** `timer_fired` applied. */
export function withoutTimer<S extends TimerKeeping>(state: S, timerId: string): S {
  return { ...state, timers: state.timers.filter((t) => t.id !== timerId) };
}

/** The timer a `fire_timer` command names, when it is pending and due (W-9). */
export function dueTimer(
  command: { type: string; at: Instant; timerId: string },
  state: TimerKeeping & { status: string | null },
): Timer | Refusal {
  const timer = state.timers.find((t) => t.id === command.timerId);
  if (!timer) return notAllowed(command, `no timer ${command.timerId} is pending`, state.status);
  if (command.at < timer.dueAt) {
    return notAllowed(command, `timer ${timer.id} is not due before ${timer.dueAt}`, state.status);
  }
  return timer;
}

/** What a machine with direct contacts between a party and the finder keeps. */
export interface ContactKeeping {
  directContacts: { id: string; status: "pending" | "open" | "closed" }[];
}

/** `direct_contact_opened` or `direct_contact_closed` applied. */
export function withContactStatus<S extends ContactKeeping>(
  state: S,
  requestId: string,
  status: "open" | "closed",
): S {
  return {
    ...state,
    directContacts: replaceById(state.directContacts, requestId, (d) => ({ ...d, status })),
  };
}

/** The items, with the one of this id changed (how evolve updates an entry of a list). */
export function replaceById<T extends { id: string }>(
  items: readonly T[],
  id: string,
  change: (item: T) => T,
): T[] {
  return items.map((item) => (item.id === id ? change(item) : item));
}

export function uniqueIn<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function dedupeRecipients(recipients: Recipient[]): Recipient[] {
  return uniqueIn(recipients, (r) => JSON.stringify(r));
}
