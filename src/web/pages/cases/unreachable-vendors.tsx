import { DateTime, Pagination } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";

/** One listing as the public sees it (R-COO-8): nothing of the case behind it. */
export interface UnreachableVendorView {
  vendorName: string;
  listedAt: string;
  productName: string | null;
}

export function UnreachableVendorsPage(props: {
  page: PageContext;
  items: UnreachableVendorView[];
  paged: boolean;
  nextHref: string | null;
}) {
  const { page, items } = props;
  const { t, language } = page;
  const title = t("contactPages.list.title");
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t("contactPages.list.lead")}</p>
      {items.length === 0 ? (
        <p>{t("contactPages.list.empty")}</p>
      ) : (
        <DataTable id="unreachable-vendors" caption={t("contactPages.list.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("contactPages.list.vendor")}</th>
              <th scope="col">{t("contactPages.list.since")}</th>
              <th scope="col">{t("contactPages.list.product")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={`${item.listedAt}-${item.vendorName}`}>
                <th scope="row">{item.vendorName}</th>
                <td>
                  <DateTime value={item.listedAt} language={language} />
                </td>
                <td>{item.productName ?? t("contactPages.list.productPending")}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pagination
        label={t("contactPages.list.pagination")}
        first={
          props.paged ? { href: "/unreachable-vendors", label: t("contactPages.list.first") } : null
        }
        next={props.nextHref ? { href: props.nextHref, label: t("contactPages.list.next") } : null}
      />
    </Layout>
  );
}
