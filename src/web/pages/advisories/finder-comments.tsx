/**
 * The coordinator's view of what came from the finder about the draft, through the desk
 * (issue 13 point 10), and of its own messages for the finder. A section of the advisory page.
 */
import type { DraftCommentView } from "../../../modules/reports/reports.draft-comments.schemas.ts";
import { Paragraphs } from "../../components/message-thread.tsx";
import { DateTime } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";

export function FinderCommentsSection(props: {
  page: PageContext;
  comments: DraftCommentView[] | null;
}) {
  const { page, comments } = props;
  const { t, language } = page;
  if (comments === null) return null;
  return (
    <section id="finder-comments" aria-labelledby="finder-comments-heading">
      <h2 id="finder-comments-heading">{t("draftReview.coordinator.comments")}</h2>
      <p>{t("draftReview.coordinator.commentsLead")}</p>
      {comments.length === 0 ? (
        <p>{t("draftReview.coordinator.none")}</p>
      ) : (
        <ol class="message-thread">
          {comments.map((entry) => (
            <li key={entry.id}>
              <p>
                <strong>
                  {entry.direction === "to_coordinator"
                    ? t("draftReview.coordinator.fromFinder", {
                        part: entry.part ? t(`draftReview.part.${entry.part}`) : "",
                      })
                    : t("draftReview.coordinator.yours")}
                </strong>{" "}
                <DateTime value={entry.relayedAt ?? entry.createdAt} language={language} />
              </p>
              <Paragraphs text={entry.relayedBody ?? entry.body ?? ""} />
              {entry.direction === "to_finder" ? (
                <p class="hint">
                  {entry.relayedAt ? (
                    <>
                      {t("draftReview.coordinator.relayedToFinder")}{" "}
                      <DateTime value={entry.relayedAt} language={language} />
                    </>
                  ) : (
                    t("draftReview.coordinator.waiting")
                  )}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
