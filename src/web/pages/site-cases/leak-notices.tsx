import type { LeakNoticeView } from "../../../modules/site-cases/site-cases.schemas.ts";
import { DateTime } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { Paragraphs } from "../reports/shared.tsx";
import { PagedTable, Row } from "./shared.tsx";

/** The public leak notices (R-WEB-4), newest first. */
export function LeakNoticeListPage(props: {
  page: PageContext;
  items: LeakNoticeView[];
  paged: boolean;
  nextHref: string | null;
}) {
  const { page, items } = props;
  const { t, language } = page;
  const title = t("siteCases.leak.listTitle");
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t("siteCases.leak.listLead")}</p>
      <PagedTable
        id="leak-notices"
        page={page}
        labels={{
          caption: "siteCases.leak.caption",
          empty: "siteCases.leak.empty",
          pagination: "siteCases.leak.pagination",
        }}
        columns={[
          t("siteCases.leak.publishedAt"),
          t("siteCases.leak.operator"),
          t("siteCases.leak.summary"),
        ]}
        rows={items.map((item) => (
          <tr key={item.id}>
            <th scope="row">
              <a href={`/leak-notices/${encodeURIComponent(item.id)}`}>
                <DateTime value={item.publishedAt} language={language} />
              </a>
            </th>
            <td>{item.operatorName}</td>
            <td>{item.summary}</td>
          </tr>
        ))}
        firstHref={props.paged ? "/leak-notices" : null}
        nextHref={props.nextHref}
      />
    </Layout>
  );
}

/** One public leak notice: what the operator wrote, and nothing else of its case. */
export function LeakNoticePage(props: { page: PageContext; notice: LeakNoticeView }) {
  const { page, notice } = props;
  const { t, language } = page;
  const title = t("siteCases.leak.title", { operator: notice.operatorName });
  return (
    <Layout page={page} title={title}>
      <p>
        <a href="/leak-notices">{t("siteCases.leak.backToList")}</a>
      </p>
      <h1>{title}</h1>
      <dl class="report-summary">
        <Row label={t("siteCases.leak.operator")}>{notice.operatorName}</Row>
        <Row label={t("siteCases.leak.publishedAt")}>
          <DateTime value={notice.publishedAt} language={language} />
        </Row>
        <Row label={t("siteCases.leak.summary")}>
          <Paragraphs text={notice.summary} />
        </Row>
        <Row label={t("siteCases.leak.period")}>{notice.period}</Row>
        <Row label={t("siteCases.leak.affectedCount")}>
          {t("siteCases.leak.affectedCountValue", { count: notice.affectedCount })}
        </Row>
        <Row label={t("siteCases.leak.dataKinds")}>
          <ul>
            {notice.dataKinds.map((kind) => (
              <li key={kind}>{kind}</li>
            ))}
          </ul>
        </Row>
        <Row label={t("siteCases.leak.cause")}>
          <Paragraphs text={notice.cause} />
        </Row>
        <Row label={t("siteCases.leak.contact")}>{notice.contact}</Row>
      </dl>
    </Layout>
  );
}
