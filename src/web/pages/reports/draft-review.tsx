/**
 * The report page's section on the case's draft advisory (issue 13 point 10). The finder reads
 * the parts that will be public — composed by the code that composes the public advisory — and
 * comments on the credit and the accuracy; the desk sees those comments and the coordinator's
 * messages for the finder, and relays each, in its own words where it chooses.
 */

import { advisoryTextsIn } from "../../../modules/advisories/advisory-texts.ts";
import type { FinderDraftStatus } from "../../../modules/advisories/finder-draft-view.ts";
import {
  DRAFT_COMMENT_PARTS,
  type DraftCommentView,
} from "../../../modules/reports/reports.draft-comments.schemas.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import { Paragraphs } from "../../components/message-thread.tsx";
import {
  CsrfField,
  DateTime,
  Field,
  type FieldError,
  Section,
  SelectField,
  SubmitButton,
} from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { AdvisoryRatingRows } from "../advisories/advisory-view.tsx";

/** What the report page shows of the draft: where it stands, and the comments as you may see them. */
export interface DraftReview {
  status: FinderDraftStatus;
  comments: DraftCommentView[];
}

interface SentForm {
  name: string;
  values: Record<string, string>;
  errors: FieldError[];
}

type Draft = NonNullable<FinderDraftStatus["draft"]>;

const partLabel = (t: Translate, part: DraftCommentView["part"]) =>
  part ? t(`draftReview.part.${part}`) : "";

/** The draft's public parts, as the public advisory will state them. */
function DraftParts(props: { page: PageContext; draft: Draft }) {
  const { page, draft } = props;
  const { t, language } = page;
  const chosen = advisoryTextsIn(draft, language);
  const lang = chosen.language;
  return (
    <div class="draft-review" lang={lang}>
      <h3 lang={page.language}>{t("draftReview.titleHeading")}</h3>
      <p class="advisory-id mono">{draft.advisoryId}</p>
      <Paragraphs text={chosen.texts.title} />
      <dl class="report-summary" lang={page.language}>
        <dt>{t("draftReview.plannedPublishAt")}</dt>
        <dd>
          {draft.plannedPublishAt ? (
            <DateTime value={draft.plannedPublishAt} language={language} />
          ) : (
            t("draftReview.noPlannedDate")
          )}
        </dd>
        <AdvisoryRatingRows t={t} language={language} advisory={draft} />
        <dt>{t("draftReview.updatedAt")}</dt>
        <dd>
          <DateTime value={draft.draftUpdatedAt} language={language} />
        </dd>
      </dl>
      <h3 lang={page.language}>{t("advisories.detail.overview")}</h3>
      <Paragraphs text={chosen.texts.overview} />
      <h3 lang={page.language}>{t("advisories.detail.affected")}</h3>
      {draft.affected.length > 0 ? (
        <ul>
          {draft.affected.map((a) => (
            <li key={`${a.vendor}/${a.product}`}>
              {a.vendor} {a.product}{" "}
              {a.versions.length > 0 ? a.versions.join(", ") : t("advisories.detail.allVersions")}
            </li>
          ))}
        </ul>
      ) : (
        <p lang={page.language}>{t("draftReview.affectedNone")}</p>
      )}
      <h3 lang={page.language}>{t("advisories.detail.description")}</h3>
      <Paragraphs text={chosen.texts.description} />
      <h3 lang={page.language}>{t("advisories.detail.impact")}</h3>
      <Paragraphs text={chosen.texts.impact} />
      {draft.references.length > 0 ? (
        <>
          <h3 lang={page.language}>{t("advisories.detail.references")}</h3>
          <ul>
            {draft.references.map((reference) => (
              <li key={reference.url}>
                <a href={reference.url} rel="noopener noreferrer">
                  {reference.title ?? reference.url}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 lang={page.language}>{t("advisories.detail.acknowledgement")}</h3>
      <p id="draft-review-credit" lang={page.language}>
        {draft.acknowledgement
          ? t("advisories.detail.credit", { credit: draft.acknowledgement })
          : t("advisories.detail.noCredit")}
      </p>
      {draft.acknowledgement ? null : <p class="hint">{t("draftReview.creditNoneHint")}</p>}
    </div>
  );
}

/** The finder's own credit, changed directly (it is their consent, not the coordinator's text). */
function CreditForm(props: {
  page: PageContext;
  base: string;
  form: SentForm | null;
  credit: string | null;
}) {
  const { page } = props;
  const { t } = page;
  const sent = props.form?.name === "changeCredit" ? props.form : null;
  return (
    <>
      <h3 id="draft-review-change-credit">{t("draftReview.credit.heading")}</h3>
      <form method="post" action={`${props.base}/credit`} class="stack" noValidate>
        <CsrfField token={page.csrfToken} />
        <Field
          name="credit"
          label={t("draftReview.credit.label")}
          hint={t("draftReview.credit.hint")}
          value={sent?.values.credit ?? props.credit ?? ""}
          errors={sent?.errors ?? []}
        />
        <SubmitButton>{t("draftReview.credit.submit")}</SubmitButton>
      </form>
    </>
  );
}

/** The finder's form: which part, and what to say. */
function CommentForm(props: { page: PageContext; base: string; form: SentForm | null }) {
  const { page } = props;
  const { t } = page;
  const sent = props.form?.name === "draftComment" ? props.form : null;
  return (
    <>
      <h3 id="draft-review-comment">{t("draftReview.comment.heading")}</h3>
      <p>{t("draftReview.comment.lead")}</p>
      <form method="post" action={`${props.base}/draft-comments`} class="stack" noValidate>
        <CsrfField token={page.csrfToken} />
        <SelectField
          name="part"
          label={t("draftReview.comment.part")}
          options={DRAFT_COMMENT_PARTS.map((part) => ({
            value: part,
            label: t(`draftReview.part.${part}`),
          }))}
          value={sent?.values.part ?? "credit"}
          errors={sent?.errors ?? []}
        />
        <Field
          name="draftCommentBody"
          label={t("draftReview.comment.body")}
          hint={t("draftReview.comment.hint")}
          multiline
          rows={5}
          value={sent?.values.draftCommentBody ?? ""}
          errors={sent?.errors ?? []}
        />
        <SubmitButton>{t("draftReview.comment.submit")}</SubmitButton>
      </form>
    </>
  );
}

/** The finder's own comments and whether the desk passed them on. */
function OwnComments(props: { page: PageContext; comments: DraftCommentView[] }) {
  const { t, language } = props.page;
  if (props.comments.length === 0) return null;
  return (
    <>
      <h3>{t("draftReview.own.heading")}</h3>
      <ol class="message-thread">
        {props.comments.map((comment) => (
          <li key={comment.id}>
            <p>
              <strong>{partLabel(t, comment.part)}</strong>{" "}
              <DateTime value={comment.createdAt} language={language} />
            </p>
            <Paragraphs text={comment.body ?? ""} />
            <p class="hint">
              {comment.relayedAt ? (
                <>
                  {t("draftReview.own.relayed")}{" "}
                  <DateTime value={comment.relayedAt} language={language} />
                </>
              ) : (
                t("draftReview.own.waiting")
              )}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The desk's view of one entry, with its relay form while it waits. */
function DeskEntry(props: { page: PageContext; base: string; entry: DraftCommentView }) {
  const { page, entry } = props;
  const { t, language } = page;
  const toCoordinator = entry.direction === "to_coordinator";
  const path = toCoordinator ? "draft-comments" : "finder-messages";
  const fieldId = `relay-${entry.id}`;
  return (
    <li>
      <p>
        <strong>
          {toCoordinator
            ? t("draftReview.desk.fromFinder", { part: partLabel(t, entry.part) })
            : t("draftReview.desk.fromCoordinator")}
        </strong>{" "}
        <DateTime value={entry.createdAt} language={language} />
      </p>
      <Paragraphs text={entry.body ?? ""} />
      {entry.relayedAt ? (
        <>
          <p class="hint">
            {toCoordinator
              ? t("draftReview.desk.relayedToCoordinator")
              : t("draftReview.desk.relayedToFinder")}{" "}
            <DateTime value={entry.relayedAt} language={language} />
          </p>
          {entry.relayedBody && entry.relayedBody !== entry.body ? (
            <Paragraphs text={entry.relayedBody} />
          ) : null}
        </>
      ) : (
        <form
          method="post"
          action={`${props.base}/${path}/${encodeURIComponent(entry.id)}/relay`}
          class="stack"
          noValidate
        >
          <CsrfField token={page.csrfToken} />
          <div class="field">
            <label for={fieldId}>{t("draftReview.desk.relayBody")}</label>
            <p class="hint" id={`${fieldId}-hint`}>
              {t("draftReview.desk.relayHint")}
            </p>
            <textarea id={fieldId} name="relayBody" rows={4} aria-describedby={`${fieldId}-hint`} />
          </div>
          <SubmitButton variant="secondary">
            {toCoordinator
              ? t("draftReview.desk.relayToCoordinator")
              : t("draftReview.desk.relayToFinder")}
          </SubmitButton>
        </form>
      )}
    </li>
  );
}

/**
 * The section, or nothing while there is nothing to show. Before a draft exists and after the
 * case closed without publishing, the finder sees nothing; after publication, the advisory's link.
 */
export function DraftReviewSection(props: {
  page: PageContext;
  base: string;
  review: DraftReview | null;
  desk: boolean;
  form: SentForm | null;
}) {
  const { page, review, desk } = props;
  const { t } = page;
  if (!review) return null;
  const { status, comments } = review;
  if (status.stage === "none" && comments.length === 0) return null;
  return (
    <Section id="draft-review" title={t("draftReview.heading")}>
      {status.stage === "published" && status.advisoryId ? (
        <p>
          {t("draftReview.published")}{" "}
          <a class="mono" href={`/advisories/${encodeURIComponent(status.advisoryId)}`}>
            {status.advisoryId}
          </a>
        </p>
      ) : null}
      {status.stage === "draft" && status.draft ? (
        <>
          <div class="notice notice-warning" role="note">
            <p>
              <strong>{t("draftReview.confidential")}</strong>
            </p>
            <p>{t(desk ? "draftReview.lead.desk" : "draftReview.lead")}</p>
          </div>
          <DraftParts page={page} draft={status.draft} />
          {desk ? null : (
            <>
              <CreditForm
                page={page}
                base={props.base}
                form={props.form}
                credit={status.draft.acknowledgement}
              />
              <CommentForm page={page} base={props.base} form={props.form} />
            </>
          )}
        </>
      ) : null}
      {desk ? (
        <>
          <h3>{t("draftReview.desk.heading")}</h3>
          {comments.length === 0 ? (
            <p>{t("draftReview.desk.none")}</p>
          ) : (
            <ol class="message-thread">
              {comments.map((entry) => (
                <DeskEntry key={entry.id} page={page} base={props.base} entry={entry} />
              ))}
            </ol>
          )}
        </>
      ) : (
        <OwnComments page={page} comments={comments} />
      )}
    </Section>
  );
}
