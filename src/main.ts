import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.ts";
import type { Runtime } from "./runtime.ts";

export const DEFAULT_HOST = "127.0.0.1";

/** `kakehashi serve`: HTTP and the job runner over an opened (migrated) runtime. */
export async function serve(
  runtime: Runtime,
  host = process.env.HOST ?? DEFAULT_HOST,
): Promise<FastifyInstance> {
  const app = await buildApp(runtime);
  await app.listen({ port: runtime.config.port, host });
  runtime.jobRunner.start();
  runtime.logger.info(
    { url: `http://${host}:${runtime.config.port}`, database: runtime.database.dialect },
    "Kakehashi is running",
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    runtime.logger.info({ signal }, "shutting down");
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  return app;
}
