/**
 * The report's files on an analysis task's page, for its analyst while the task is open: names,
 * classes and sizes, each downloaded through the task (audited as the report page's downloads).
 */
import type { AttachmentSummary } from "../../../modules/reports/reports.schemas.ts";
import { DateTime } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import { attachmentClassLabel, formatSize } from "../reports/attachments.tsx";

export function TaskAttachments(props: {
  page: PageContext;
  taskId: string;
  items: AttachmentSummary[];
}) {
  const { page, items } = props;
  const { t, language } = page;
  const base = `/api/v1/analysis-tasks/${encodeURIComponent(props.taskId)}/attachments`;
  return (
    <section id="analysis-attachments" aria-labelledby="analysis-attachments-heading">
      <h3 id="analysis-attachments-heading">{t("attachments.heading")}</h3>
      {items.length === 0 ? (
        <p>{t("attachments.empty")}</p>
      ) : (
        <DataTable id="analysis-attachments-table" caption={t("attachments.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("attachments.col.name")}</th>
              <th scope="col">{t("attachments.col.class")}</th>
              <th scope="col">{t("attachments.col.size")}</th>
              <th scope="col">{t("attachments.col.uploadedAt")}</th>
              <th scope="col">{t("attachments.col.download")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>{item.name}</td>
                <td>{attachmentClassLabel(t, item.class)}</td>
                <td>{formatSize(t, language, item.size)}</td>
                <td>
                  <DateTime value={item.uploadedAt} language={language} />
                </td>
                <td>
                  <a
                    href={`${base}/${encodeURIComponent(item.id)}`}
                    download
                    aria-label={t("attachments.downloadLabel", { name: item.name })}
                  >
                    {t("attachments.download")}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
