import { DateTime } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";

/** One line of a listing: a file or a folder of the CSAF provider. */
export interface ListingEntry {
  name: string;
  href: string;
  /** When the file last changed, where that is known. */
  updated?: string;
  /** What the file is, in the reader's language. */
  description?: string;
}

/**
 * A directory listing of the CSAF provider's files (CSAF 2.0 requirement 14, for people who
 * navigate by hand): the folder's files and folders, each a link, with their last change.
 */
export function DirectoryListingPage(props: {
  page: PageContext;
  path: string;
  parent: string | null;
  entries: ListingEntry[];
}) {
  const { page, path, parent, entries } = props;
  const { t, language } = page;
  return (
    <Layout page={page} title={t("csafProvider.listing.title", { path })}>
      <h1>
        {t("csafProvider.listing.heading")} <span class="mono">{path}</span>
      </h1>
      <p class="lead">{t("csafProvider.listing.lead")}</p>
      <p>
        {t("csafProvider.listing.start")}{" "}
        <a href="/.well-known/csaf/provider-metadata.json" class="mono">
          /.well-known/csaf/provider-metadata.json
        </a>
      </p>
      {parent ? (
        <p>
          <a href={parent}>{t("csafProvider.listing.parent")}</a>
        </p>
      ) : null}
      {entries.length === 0 ? (
        <p>{t("csafProvider.listing.empty")}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t("csafProvider.listing.name")}</th>
                <th scope="col">{t("csafProvider.listing.what")}</th>
                <th scope="col">{t("csafProvider.listing.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.href}>
                  <td class="mono">
                    <a href={entry.href}>{entry.name}</a>
                  </td>
                  <td>{entry.description ?? ""}</td>
                  <td>
                    {entry.updated ? <DateTime value={entry.updated} language={language} /> : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
