/**
 * Priority provision (R-PRI-1…5): `consulting` → `ready` → `sent` → `ended`, or `stopped`.
 * types.ts holds the vocabulary, evolve.ts how events change the state, queries.ts what can be
 * read off it, and decide.ts the rules.
 */
export { decidePriorityProvision } from "./decide.ts";
export { evolvePriorityProvision, initialPriorityProvision } from "./evolve.ts";
export * from "./queries.ts";
export * from "./types.ts";
