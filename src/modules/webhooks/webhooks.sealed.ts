import { sealedText } from "../../platform/crypto/sealed.ts";

/** The sealed column of the webhooks module: an endpoint's signing secret (`whsec_…`). */
export const webhookSecret = sealedText("webhook_endpoints.secret_sealed");
