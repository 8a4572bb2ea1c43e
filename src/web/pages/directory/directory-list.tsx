import type { OrganizationView } from "../../../modules/organizations/organizations.schemas.ts";
import { ORGANIZATION_TYPES } from "../../../modules/organizations/organizations.schemas.ts";
import type { OrganizationType } from "../../../platform/db/schema.ts";
import { DateTime, Pagination, SelectField } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { ADD_LABELS, DataTable, firstOf, typeLabel } from "./shared.tsx";

export interface DirectoryListProps {
  page: PageContext;
  items: OrganizationView[];
  q: string;
  type: OrganizationType | undefined;
  /** Whether this is a later page (a cursor was given). */
  paged: boolean;
  nextHref: string | null;
  firstHref: string;
  /** The types this visitor may add (the "add" links). */
  creatableTypes: OrganizationType[];
}

function Summary(props: { page: PageContext; organization: OrganizationView }) {
  const { t } = props.page;
  const products = firstOf(
    props.organization.products.map((product) => product.name),
    3,
  );
  const keywords = firstOf(props.organization.keywords, 3);
  if (products.shown.length === 0 && keywords.shown.length === 0) {
    return <span>{t("directory.none")}</span>;
  }
  return (
    <>
      {products.shown.length > 0 ? (
        <div>
          {t("directory.summary.products", { list: products.shown.join(", ") })}
          {products.more > 0 ? ` ${t("directory.summary.more", { count: products.more })}` : ""}
        </div>
      ) : null}
      {keywords.shown.length > 0 ? (
        <div>
          {t("directory.summary.keywords", { list: keywords.shown.join(", ") })}
          {keywords.more > 0 ? ` ${t("directory.summary.more", { count: keywords.more })}` : ""}
        </div>
      ) : null}
    </>
  );
}

function NdaCell(props: { page: PageContext; organization: OrganizationView }) {
  const { t, language } = props.page;
  const { organization } = props;
  if (organization.type !== "vendor") return <span>{t("directory.notApplicable")}</span>;
  if (!organization.nda) return <span>{t("directory.nda.notRecorded")}</span>;
  return (
    <span>
      {t("directory.nda.recordedShort", { version: organization.nda.version })}{" "}
      <DateTime value={organization.nda.signedAt} language={language} />
    </span>
  );
}

export function DirectoryListPage(props: DirectoryListProps) {
  const { page, items } = props;
  const { t } = page;
  const filtered = props.q !== "" || props.type !== undefined;
  return (
    <Layout page={page} title={t("directory.title")}>
      <h1>{t("directory.heading")}</h1>
      <p class="lead">{t("directory.lead")}</p>

      {props.creatableTypes.length > 0 ? (
        <ul aria-label={t("directory.add.label")}>
          {props.creatableTypes.map((type) => (
            <li key={type}>
              <a href={`/directory/new?type=${type}`}>{t(ADD_LABELS[type])}</a>
            </li>
          ))}
        </ul>
      ) : null}

      <form method="get" action="/directory" class="stack">
        <div class="field">
          <label for="field-q">{t("directory.search.q")}</label>
          <p class="hint" id="field-q-hint">
            {t("directory.search.qHint")}
          </p>
          <input
            id="field-q"
            name="q"
            type="search"
            value={props.q}
            aria-describedby="field-q-hint"
          />
        </div>
        <SelectField
          name="type"
          label={t("directory.search.type")}
          value={props.type ?? ""}
          options={[
            { value: "", label: t("directory.search.anyType") },
            ...ORGANIZATION_TYPES.map((type) => ({ value: type, label: typeLabel(t, type) })),
          ]}
        />
        <button type="submit" class="button button-primary">
          {t("directory.search.submit")}
        </button>
      </form>
      {filtered ? (
        <p>
          <a href="/directory">{t("directory.search.clear")}</a>
        </p>
      ) : null}

      <h2 id="results-heading">{t("directory.results.heading")}</h2>
      {items.length === 0 ? (
        <p>{t("directory.results.empty")}</p>
      ) : (
        <DataTable
          id="directory-table"
          caption={
            filtered ? t("directory.results.captionFiltered") : t("directory.results.caption")
          }
        >
          <thead>
            <tr>
              <th scope="col">{t("directory.column.name")}</th>
              <th scope="col">{t("directory.column.type")}</th>
              <th scope="col">{t("directory.column.contact")}</th>
              <th scope="col">{t("directory.column.products")}</th>
              <th scope="col">{t("directory.column.nda")}</th>
              <th scope="col">{t("directory.column.pgp")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((organization) => (
              <tr key={organization.id}>
                <th scope="row">
                  <a href={`/directory/${encodeURIComponent(organization.id)}`}>
                    {organization.name}
                  </a>
                </th>
                <td>{typeLabel(t, organization.type)}</td>
                <td>{organization.contactEmail ?? t("directory.none")}</td>
                <td>
                  <Summary page={page} organization={organization} />
                </td>
                <td>
                  <NdaCell page={page} organization={organization} />
                </td>
                <td>
                  {organization.pgpFingerprint ? t("directory.pgp.yes") : t("directory.pgp.no")}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}

      <Pagination
        label={t("directory.pagination.label")}
        first={
          props.paged ? { href: props.firstHref, label: t("directory.pagination.first") } : null
        }
        next={
          props.nextHref ? { href: props.nextHref, label: t("directory.pagination.next") } : null
        }
      />
    </Layout>
  );
}
