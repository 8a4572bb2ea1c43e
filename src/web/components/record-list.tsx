import type { ComponentChildren } from "preact";
import { Pagination } from "../components.tsx";
import { DataTable } from "../pages/directory/shared.tsx";

/** One column of a record list: its heading and what each row shows in it. */
export interface RecordColumn<T> {
  /** Tells the columns apart (the heading may repeat across audiences). */
  key: string;
  heading: string;
  cell(item: T): ComponentChildren;
}

/** A page's link to the first or the next page of the list, or null for none. */
type PageLink = { href: string; label: string } | null;

/**
 * A list of records as a table (reports, site cases, leak notices, …): a sentence when there are
 * none, otherwise one row per record whose first column heads the row (it usually links to the
 * record), and the links to the first and next pages under it.
 */
export function RecordList<T>(props: {
  /** The table's id (its caption is `<id>-caption`). */
  id: string;
  caption: string;
  /** Said instead of the table when there is nothing to list. */
  empty: string;
  items: readonly T[];
  rowKey(item: T): string;
  /** The first column heads each row. */
  columns: readonly RecordColumn<T>[];
  pagination: { label: string; first: PageLink; next: PageLink };
}) {
  const [head, ...rest] = props.columns;
  return (
    <>
      {props.items.length === 0 || !head ? (
        <p>{props.empty}</p>
      ) : (
        <DataTable id={props.id} caption={props.caption}>
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th key={column.key} scope="col">
                  {column.heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.items.map((item) => (
              <tr key={props.rowKey(item)}>
                <th scope="row">{head.cell(item)}</th>
                {rest.map((column) => (
                  <td key={column.key}>{column.cell(item)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pagination
        label={props.pagination.label}
        first={props.pagination.first}
        next={props.pagination.next}
      />
    </>
  );
}
