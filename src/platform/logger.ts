import pino, { type Logger } from "pino";

/**
 * The process logger. It writes to stderr so that command output on stdout stays clean.
 * Request logs carry method, path and status only: query strings can hold one-time tokens,
 * and headers carry credentials.
 */
export function createLogger(options: { level?: string } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? "info",
      redact: {
        paths: ["req.headers.authorization", "req.headers.cookie", "*.password", "*.token"],
        censor: "[redacted]",
      },
      serializers: {
        req: (request: { method?: string; url?: string; id?: string }) => ({
          id: request.id,
          method: request.method,
          path: request.url?.split("?")[0],
        }),
      },
    },
    pino.destination(2),
  );
}

export type { Logger };
