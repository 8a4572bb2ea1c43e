import { randomUUID } from "node:crypto";

/** An opaque, unguessable id (a random UUID). */
export function newId(): string {
  return randomUUID();
}
