import type { ComponentChildren } from "preact";

/**
 * The case page's frame: sections whose actions sit beside their content (below it on narrow
 * screens), and action blocks, the rarely used ones folded under a summary that names them.
 */
export function CaseSection(props: {
  id: string;
  title: string;
  /** The section's forms; none leaves the content the whole width. */
  actions?: ComponentChildren;
  /** Actions right under the content, side by side, for content that needs the whole width. */
  actionsUnder?: boolean;
  children: ComponentChildren;
}) {
  const headingId = `${props.id}-heading`;
  const hasActions = hasContent(props.actions);
  return (
    <section
      id={props.id}
      class={props.actionsUnder ? "case-section case-section-actions-under" : "case-section"}
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>{props.title}</h2>
      <div class="case-section-body">{props.children}</div>
      {hasActions ? <div class="case-section-actions">{props.actions}</div> : null}
    </section>
  );
}

function hasContent(children: ComponentChildren): boolean {
  if (Array.isArray(children)) return children.some(hasContent);
  return children !== null && children !== undefined && children !== false && children !== "";
}

/**
 * One action of a section: its heading and form. A rarely used one is folded in `<details>`,
 * open when it is what the viewer should do next or when its form came back with errors.
 */
export function ActionBlock(props: {
  id: string;
  title: string;
  rare?: boolean | undefined;
  open?: boolean | undefined;
  children: ComponentChildren;
}) {
  const headingId = `${props.id}-heading`;
  if (props.rare) {
    return (
      <details id={props.id} class="case-action case-action-rare" open={props.open ?? false}>
        <summary>
          <h3 id={headingId}>{props.title}</h3>
        </summary>
        {props.children}
      </details>
    );
  }
  return (
    <section id={props.id} class="case-action" aria-labelledby={headingId}>
      <h3 id={headingId}>{props.title}</h3>
      {props.children}
    </section>
  );
}

/** A part of a section's content with its own heading (one level below the section's). */
export function Section(props: { id: string; title: string; children: ComponentChildren }) {
  const headingId = `${props.id}-heading`;
  return (
    <section id={props.id} class="case-subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>{props.title}</h3>
      {props.children}
    </section>
  );
}
