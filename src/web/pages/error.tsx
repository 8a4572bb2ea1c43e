import type { FastifyReply, FastifyRequest } from "fastify";
import { Layout, type PageContext } from "../layout.tsx";
import { pageContext, sendPage } from "../render.ts";

export function ErrorPage(props: { page: PageContext; status: number; code: string }) {
  const { page, status, code } = props;
  const { t } = page;
  const title = status === 404 ? t("error.notFound.title") : t("error.generic.title");
  const body =
    status === 404
      ? t("error.notFound.body")
      : code === "csrf_invalid"
        ? t("error.csrf.body")
        : t("error.generic.body");
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href="/">{t("error.backHome")}</a>
      </p>
    </Layout>
  );
}

/** Answers an error for a browser: a readable page in the visitor's language. */
export function sendErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
): FastifyReply {
  const page = pageContext(request, reply);
  return sendPage(reply, page, <ErrorPage page={page} status={status} code={code} />, status);
}
