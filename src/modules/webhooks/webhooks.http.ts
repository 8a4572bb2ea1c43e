import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";

/**
 * Where webhooks may go, and the one POST that delivers them. An endpoint is https:// (plain
 * http:// only with KAKEHASHI_WEBHOOKS_ALLOW_HTTP=1), has no user name or password in it, and
 * resolves only to public addresses: the check runs in the socket's own DNS lookup, so a name
 * that resolves to a private address at delivery time (DNS rebinding) is refused too.
 */
export interface WebhookNetworkPolicy {
  /** Development and tests: http:// and loopback/private/link-local addresses. */
  allowHttp: boolean;
}

/** Why an endpoint URL is refused, as a machine-readable code. */
export type UrlProblem = "not_https" | "credentials" | "not_absolute" | "private_address";

export function urlProblem(value: string, policy: WebhookNetworkPolicy): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "not_absolute";
  }
  const allowed = policy.allowHttp ? ["https:", "http:"] : ["https:"];
  if (!allowed.includes(url.protocol)) return "not_https";
  if (url.username !== "" || url.password !== "") return "credentials";
  if (url.hash !== "") return "not_absolute";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!policy.allowHttp && (host === "localhost" || host.endsWith(".localhost"))) {
    return "private_address";
  }
  if (!policy.allowHttp && isIP(host) !== 0 && isBlockedAddress(host)) return "private_address";
  return null;
}

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** Loopback, private, link-local, shared, documentation, multicast or reserved. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return blocked.check(mapped[1], "ipv4");
  return blocked.check(address, "ipv6");
}

export class WebhookAddressError extends Error {
  override name = "WebhookAddressError";
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup, refusing names that resolve to any address outside the public internet. */
function guardedLookup(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    const bad = list.find((entry) => isBlockedAddress(entry.address));
    if (bad || list.length === 0) {
      return callback(
        new WebhookAddressError(`${hostname} resolves to an address that is not public`),
        [],
      );
    }
    if ((options as { all?: boolean }).all) return callback(null, list);
    const first = list[0] as LookupAddress;
    return callback(null, first.address, first.family);
  });
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * POSTs the body and answers with the status line; the answer's body is read and dropped.
 * Redirects are not followed (a 3xx is a failure). Throws on a network error or a timeout.
 */
export function postWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  policy: WebhookNetworkPolicy,
): Promise<{ status: number; statusLine: string }> {
  const problem = urlProblem(target, policy);
  if (problem) return Promise.reject(new WebhookAddressError(`endpoint refused: ${problem}`));
  const url = new URL(target);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        timeout: WEBHOOK_TIMEOUT_MS,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        ...(policy.allowHttp ? {} : { lookup: guardedLookup }),
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        const reason = (response.statusMessage ?? "").slice(0, 60);
        response.on("end", () =>
          resolve({ status, statusLine: `HTTP ${status} ${reason}`.trim() }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
    request.end(body);
  });
}
