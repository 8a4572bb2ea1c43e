import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { machines } from "./machines.ts";
import type { NamedTable } from "./transitions.ts";

const DOC = path.resolve(import.meta.dirname, "../../docs/workflow.md");

interface Diagram {
  table: string;
  edges: string[];
  unlabelled: string[];
}

/** Each ```mermaid block: its `%% table: name` comment and its `from --> to : label` arrows. */
function diagrams(markdown: string): Diagram[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => {
    const lines = (match[1] ?? "").split("\n").map((line) => line.trim());
    const table = lines.map((line) => /^%% table: (\S+)$/.exec(line)?.[1]).find(Boolean) ?? "";
    const edges: string[] = [];
    const unlabelled: string[] = [];
    for (const line of lines) {
      const arrow = /^(\S+)\s*-->\s*(\S+)\s*(?::\s*(.+))?$/.exec(line);
      if (!arrow) continue;
      const [, from, to, label] = arrow;
      if (label) edges.push(`${from} --> ${to} : ${label.trim()}`);
      else unlabelled.push(`${from} --> ${to}`);
    }
    return { table, edges, unlabelled };
  });
}

function tableEdges(named: NamedTable): string[] {
  return named.table.map((t) => `${t.from ?? "[*]"} --> ${t.to ?? "[*]"} : ${t.on}`);
}

const tables = Object.values(machines).flatMap((machine) => machine.tables);
const drawn = diagrams(fs.readFileSync(DOC, "utf8"));

describe("docs/workflow.md", () => {
  it("draws one state diagram per transition table, and no other", () => {
    expect(drawn.map((d) => d.table).sort()).toEqual(tables.map((t) => t.name).sort());
  });

  it.each(tables.map((t) => [t.name, t] as const))(
    "draws exactly the transitions of the %s table",
    (name, table) => {
      const diagram = drawn.find((d) => d.table === name);
      expect(diagram).toBeDefined();
      expect([...new Set(diagram?.edges)].sort()).toEqual(tableEdges(table).sort());
      expect(diagram?.edges.length).toBe(new Set(diagram?.edges).size);
      // Unlabelled arrows only mark final states; they are not transitions.
      for (const arrow of diagram?.unlabelled ?? []) expect(arrow).toMatch(/ --> \[\*\]$/);
    },
  );

  it("notices a transition the machine has and the diagram lacks", () => {
    const report = tables.find((t) => t.name === "report") as NamedTable;
    const withExtra: NamedTable = {
      name: "report",
      table: [...report.table, { from: "closed", to: "submitted", on: "reopen" }],
    };
    const diagram = drawn.find((d) => d.table === "report");
    expect([...new Set(diagram?.edges)].sort()).not.toEqual(tableEdges(withExtra).sort());
  });
});
