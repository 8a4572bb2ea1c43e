import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { DateTime, Section } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import type { OrganizationPageProps } from "./organization-detail.tsx";
import { DataTable, formatFingerprint, roleLabel, sectorLabel } from "./shared.tsx";

const CHANGE_FIELD_LABELS: Record<string, MessageKey> = {
  name: "directory.field.name",
  contactEmails: "directory.field.contactEmails",
  pgpFingerprint: "directory.detail.fingerprint",
  products: "directory.field.products",
  keywords: "directory.field.keywords",
  domains: "directory.field.domains",
  sector: "directory.field.sector",
  nda: "directory.nda.heading",
  members: "directory.members.heading",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One side (from or to) of a recorded change, readable. */
function ChangeValue(props: { page: PageContext; field: string; value: unknown }) {
  const { t, language } = props.page;
  const { field, value } = props;
  if (value === null || value === undefined) return <span>{t("directory.none")}</span>;
  if (field === "pgpFingerprint" && typeof value === "string") {
    return <span class="mono">{formatFingerprint(value)}</span>;
  }
  if (field === "sector" && typeof value === "string") return <span>{sectorLabel(t, value)}</span>;
  if (field === "nda" && isRecord(value)) {
    return (
      <span>
        {t("directory.nda.recordedShort", { version: String(value.version ?? "") })}{" "}
        {typeof value.signedAt === "string" ? (
          <DateTime value={value.signedAt} language={language} />
        ) : null}
      </span>
    );
  }
  if (field === "members" && isRecord(value)) {
    const role = roleLabel(t, String(value.role ?? ""));
    if (typeof value.added === "string")
      return <span>{t("directory.history.memberAdded", { email: value.added, role })}</span>;
    if (typeof value.removed === "string")
      return <span>{t("directory.history.memberRemoved", { email: value.removed, role })}</span>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span>{t("directory.none")}</span>;
    const items = value.map((item) =>
      isRecord(item) && typeof item.name === "string"
        ? item.cpe
          ? `${item.name} (${String(item.cpe)})`
          : item.name
        : String(item),
    );
    return <span>{items.join(", ")}</span>;
  }
  if (typeof value === "string") return <span>{value}</span>;
  return <span>{JSON.stringify(value)}</span>;
}

/** Every recorded change to the organization, one row a field. */
export function History(props: OrganizationPageProps) {
  const { page, changes } = props;
  const { t, language } = page;
  if (!changes) return null;
  const rows = changes.flatMap((change) =>
    Object.entries(change.changes).map(([field, difference]) => ({ change, field, difference })),
  );
  return (
    <Section id="history" title={t("directory.history.heading")}>
      <p class="hint">{t("directory.history.lead")}</p>
      {rows.length === 0 ? (
        <p>{t("directory.history.none")}</p>
      ) : (
        <DataTable id="history-table" caption={t("directory.history.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("directory.history.at")}</th>
              <th scope="col">{t("directory.history.by")}</th>
              <th scope="col">{t("directory.history.field")}</th>
              <th scope="col">{t("directory.history.from")}</th>
              <th scope="col">{t("directory.history.to")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ change, field, difference }) => {
              const label = CHANGE_FIELD_LABELS[field];
              return (
                <tr key={`${change.id}:${field}`}>
                  <td>
                    <DateTime value={change.changedAt} language={language} />
                  </td>
                  <td>
                    {change.changedBy.id === "system"
                      ? t("directory.history.operator")
                      : change.changedBy.name}
                  </td>
                  <th scope="row">{label ? t(label) : field}</th>
                  <td>
                    <ChangeValue page={page} field={field} value={difference.from} />
                  </td>
                  <td>
                    <ChangeValue page={page} field={field} value={difference.to} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
    </Section>
  );
}
