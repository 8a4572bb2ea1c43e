import { Layout, type PageContext } from "../layout.tsx";

export function HomePage(props: { page: PageContext }) {
  const { page } = props;
  const { t } = page;
  const audiences = [
    { title: t("home.audience.finders.title"), body: t("home.audience.finders.body") },
    { title: t("home.audience.vendors.title"), body: t("home.audience.vendors.body") },
    { title: t("home.audience.public.title"), body: t("home.audience.public.body") },
  ];
  const steps = [
    t("home.process.step1"),
    t("home.process.step2"),
    t("home.process.step3"),
    t("home.process.step4"),
    t("home.process.step5"),
  ];
  return (
    <Layout page={page} title={t("home.title")}>
      <section class="hero" aria-labelledby="home-heading">
        <h1 id="home-heading">{t("home.heading")}</h1>
        <p class="lead">{t("home.lead")}</p>
      </section>
      <section aria-labelledby="audience-heading">
        <h2 id="audience-heading">{t("home.audience.heading")}</h2>
        <ul class="cards">
          {audiences.map((audience) => (
            <li class="card" key={audience.title}>
              <h3>{audience.title}</h3>
              <p>{audience.body}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="process-heading">
        <h2 id="process-heading">{t("home.process.heading")}</h2>
        <ol class="steps">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="confidentiality-heading">
        <h2 id="confidentiality-heading">{t("home.confidentiality.heading")}</h2>
        <p>{t("home.confidentiality.body")}</p>
      </section>
    </Layout>
  );
}
