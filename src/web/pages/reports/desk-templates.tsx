import {
  type Language,
  type MessageKey,
  type Translate,
  translator,
} from "../../../platform/i18n/i18n.ts";
import { REPORT_CLOSE_REASONS } from "../../../workflow/report.ts";
import { closeReasonLabel } from "./shared.tsx";

/**
 * Message templates for the desk's actions. The page fills a chosen template into the action's
 * text field on the server (`?template=<id>`), so no script is needed; the text is in the
 * finder's language and stays editable before sending.
 */
export type TemplateAction = "requestInfo" | "reject" | "close" | "forward";

interface DeskTemplate {
  id: string;
  action: TemplateAction;
  /** The form field it fills. */
  field: string;
  /** For a close template: the reason it goes with. */
  closeReason?: (typeof REPORT_CLOSE_REASONS)[number];
  /** For a forward template: the kind of report it fits. */
  kind?: "product" | "web";
  label: (t: Translate) => string;
  body: MessageKey;
}

const labelled =
  (key: MessageKey) =>
  (t: Translate): string =>
    t(key);

export const DESK_TEMPLATES: readonly DeskTemplate[] = [
  ...(["details", "affected", "impact"] as const).map(
    (name): DeskTemplate => ({
      id: `request_info.${name}`,
      action: "requestInfo",
      field: "infoMessage",
      label: labelled(`desk.template.request_info.${name}.label`),
      body: `desk.template.request_info.${name}.body`,
    }),
  ),
  ...(["insufficient", "unreachable"] as const).map(
    (name): DeskTemplate => ({
      id: `reject.${name}`,
      action: "reject",
      field: "rejectReason",
      label: labelled(`desk.template.reject.${name}.label`),
      body: `desk.template.reject.${name}.body`,
    }),
  ),
  ...REPORT_CLOSE_REASONS.map(
    (reason): DeskTemplate => ({
      id: `close.${reason}`,
      action: "close",
      field: "closeMessage",
      closeReason: reason,
      label: (t) => closeReasonLabel(t, reason),
      body: `desk.template.close.${reason}.body`,
    }),
  ),
  ...(["product", "web"] as const).map(
    (kind): DeskTemplate => ({
      id: `forward.${kind}`,
      action: "forward",
      field: "forwardMessage",
      kind,
      label: labelled(`desk.template.forward.${kind}.label`),
      body: `desk.template.forward.${kind}.body`,
    }),
  ),
];

export function findTemplate(id: unknown): DeskTemplate | null {
  return typeof id === "string" ? (DESK_TEMPLATES.find((entry) => entry.id === id) ?? null) : null;
}

/** The chosen template's text in the finder's language, for the report with this receipt. */
export function templateText(
  template: DeskTemplate,
  language: Language,
  report: { receiptNumber: string },
): string {
  return translator(language)(template.body, { receipt: report.receiptNumber });
}

/**
 * What a chosen template puts into the page's forms: the text for its field (and, for a close
 * template, the reason). Nothing when no template (or one of another action) was chosen.
 */
export function templateValues(
  template: DeskTemplate | null,
  language: Language,
  report: { receiptNumber: string },
): Record<string, Record<string, string>> {
  if (!template) return {};
  const values: Record<string, string> = {
    [template.field]: templateText(template, language, report),
  };
  if (template.closeReason) values.closeReason = template.closeReason;
  return { [template.action]: values };
}

/**
 * The picker above an action's form: a GET form that reloads the page with `?template=…` and
 * comes back to the action (its anchor). Hidden fields keep the rest of the page's query.
 */
export function TemplatePicker(props: {
  t: Translate;
  action: TemplateAction;
  /** The page path and the anchor of the action's heading. */
  base: string;
  anchor: string;
  finderLanguage: Language;
  kind: "product" | "web";
  selected: string | null;
  keep?: Record<string, string>;
}) {
  const { t, action } = props;
  const options = DESK_TEMPLATES.filter(
    (entry) => entry.action === action && (!entry.kind || entry.kind === props.kind),
  );
  if (options.length === 0) return null;
  const id = `template-${action}`;
  return (
    <form method="get" action={`${props.base}#${props.anchor}`} class="template-picker">
      {Object.entries(props.keep ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div class="field">
        <label for={id}>{t("desk.template.label")}</label>
        <p class="hint" id={`${id}-hint`}>
          {t("desk.template.hint", {
            language: t(`desk.template.language.${props.finderLanguage}`),
          })}
        </p>
        <select id={id} name="template" aria-describedby={`${id}-hint`}>
          {options.map((entry) => (
            <option key={entry.id} value={entry.id} selected={entry.id === props.selected}>
              {entry.label(t)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button button-secondary">
        {t("desk.template.use")}
      </button>
    </form>
  );
}
