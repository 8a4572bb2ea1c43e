import { LANGUAGES } from "../../../platform/i18n/i18n.ts";
import { CsrfField, Field, Section, SelectField, SubmitButton } from "../../components.tsx";
import type { OrganizationPageProps } from "./organization-detail.tsx";
import { DataTable, roleLabel } from "./shared.tsx";

/** The organization's members, with the forms to remove one and to invite another. */
export function Members(props: OrganizationPageProps) {
  const { page, organization, members } = props;
  const { t } = page;
  if (!members) return null;
  const self = page.actor.kind === "user" ? page.actor.userId : null;
  const errors = props.form?.kind === "invite" ? props.form.errors : [];
  const values = props.form?.kind === "invite" ? props.form.values : {};
  return (
    <Section id="members" title={t("directory.members.heading")}>
      {members.length === 0 ? (
        <p>{t("directory.members.none")}</p>
      ) : (
        <DataTable id="members-table" caption={t("directory.members.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("directory.members.name")}</th>
              <th scope="col">{t("directory.members.email")}</th>
              <th scope="col">{t("directory.members.role")}</th>
              <th scope="col">{t("directory.members.status")}</th>
              <th scope="col">{t("directory.members.twoFactor")}</th>
              {props.mayManageMembers ? (
                <th scope="col">{t("directory.members.actions")}</th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.userId}>
                <th scope="row">{member.name}</th>
                <td>{member.email}</td>
                <td>{roleLabel(t, member.role)}</td>
                <td>
                  {member.status === "active"
                    ? t("directory.members.active")
                    : t("directory.members.invited")}
                </td>
                <td>
                  {member.twoFactorEnabled
                    ? t("directory.members.twoFactorOn")
                    : t("directory.members.twoFactorOff")}
                </td>
                {props.mayManageMembers ? (
                  <td>
                    {member.userId !== self ? (
                      <form
                        method="post"
                        action={`/directory/${organization.id}/members/${encodeURIComponent(member.userId)}/remove`}
                      >
                        <CsrfField token={page.csrfToken} />
                        <button
                          type="submit"
                          class="button button-danger"
                          aria-label={t("directory.members.removeLabel", { name: member.name })}
                        >
                          {t("directory.members.remove")}
                        </button>
                      </form>
                    ) : (
                      t("directory.members.you")
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {props.mayManageMembers ? (
        <form
          method="post"
          action={`/directory/${organization.id}/members`}
          class="stack"
          noValidate
        >
          <h3>{t("directory.invite.heading")}</h3>
          <p class="hint">{t("directory.invite.lead")}</p>
          <CsrfField token={page.csrfToken} />
          <Field
            name="memberEmail"
            type="email"
            label={t("directory.invite.email")}
            required
            autocomplete="off"
            value={values.memberEmail}
            errors={errors}
          />
          <Field
            name="memberName"
            label={t("directory.invite.name")}
            required
            autocomplete="off"
            value={values.memberName}
            errors={errors}
          />
          <SelectField
            name="memberRole"
            label={t("directory.invite.role")}
            required
            value={values.memberRole ?? "member"}
            errors={errors}
            options={props.roles.map((role) => ({ value: role, label: roleLabel(t, role) }))}
          />
          <SelectField
            name="memberLanguage"
            label={t("directory.invite.language")}
            hint={t("directory.invite.languageHint")}
            value={values.memberLanguage ?? page.language}
            errors={errors}
            options={LANGUAGES.map((language) => ({
              value: language,
              label: t(language === "ja" ? "directory.language.ja" : "directory.language.en"),
            }))}
          />
          <SubmitButton>{t("directory.invite.submit")}</SubmitButton>
        </form>
      ) : null}
    </Section>
  );
}
