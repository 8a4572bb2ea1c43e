import type { ComponentChildren } from "preact";

export interface Choice {
  value: string;
  label: ComponentChildren;
}

/**
 * A group of checkboxes (or radio buttons) for one form field: its legend, hint and error, and a
 * labelled box per choice. Ids follow the fields' scheme (`field-<name>`, `field-<name>-<value>`)
 * so an error summary can link to the group.
 */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  choices: readonly Choice[];
  chosen: readonly string[];
  type?: "checkbox" | "radio";
  hint?: ComponentChildren;
  error?: string | undefined;
  required?: boolean;
  /** Said when there is nothing to choose. */
  empty?: ComponentChildren;
}) {
  const { name, error } = props;
  const groupId = `field-${name}`;
  const describedBy = [props.hint ? `${groupId}-hint` : "", error ? `${groupId}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset
      class={error ? "checkbox-group field-error" : "checkbox-group"}
      id={groupId}
      aria-describedby={describedBy || undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p class="hint" id={`${groupId}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${groupId}-error`}>
          {error}
        </p>
      ) : null}
      {props.choices.length === 0 && props.empty ? <p>{props.empty}</p> : null}
      {props.choices.map((choice) => {
        const id = `${groupId}-${choice.value.replace(/\W/g, "-")}`;
        return (
          <p class="checkbox" key={choice.value}>
            <input
              type={props.type ?? "checkbox"}
              id={id}
              name={name}
              value={choice.value}
              required={props.required}
              checked={props.chosen.includes(choice.value)}
            />{" "}
            <label for={id}>{choice.label}</label>
          </p>
        );
      })}
    </fieldset>
  );
}
