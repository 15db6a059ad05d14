package io.xaostech.payments.webhook;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.payments.config.PaymentsProperties;
import io.xaostech.payments.stripe.StripeEvent;
import io.xaostech.platform.web.ProblemException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhooks/stripe}: no token (the gateway passes it through untouched); Stripe's signature over the raw
 * body is the authentication. A verified event is stored once, processed in the same transaction, and answered 200
 * (also when its processing failed: it is stored, and retried later).
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    static final String SIGNATURE_HEADER = "Stripe-Signature";

    record Received(boolean received, boolean duplicate) {
    }

    private final EventProcessor processor;
    private final JsonMapper json;
    private final Clock clock;
    private final String secret;
    private final long toleranceSeconds;

    WebhookController(EventProcessor processor, JsonMapper json, Clock clock, PaymentsProperties properties) {
        this.processor = processor;
        this.json = json;
        this.clock = clock;
        this.secret = properties.stripe().webhookSecret();
        this.toleranceSeconds = properties.stripe().webhookTolerance().toSeconds();
        if (secret == null || secret.isBlank()) {
            log.warn("No webhook signing secret (xaos.payments.stripe.webhook-secret): every webhook is refused");
        }
    }

    @PostMapping("/webhooks/stripe")
    Received receive(@RequestBody(required = false) byte[] body,
                     @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature) {
        if (secret == null || secret.isBlank()) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "This server has no webhook signing secret "
                    + "configured, so it cannot check Stripe's signature.");
        }
        if (signature == null || signature.isBlank() || signature.length() > 2000) {
            throw badSignature("The " + SIGNATURE_HEADER + " header is missing.");
        }
        String payload = utf8(body == null ? new byte[0] : body);
        try {
            Webhook.Signature.verifyHeader(payload, signature, secret, toleranceSeconds, clock);
        } catch (SignatureVerificationException e) {
            throw badSignature("The " + SIGNATURE_HEADER + " does not verify: " + e.getMessage());
        }
        StripeEvent event;
        try {
            event = StripeEvent.parse(json, payload);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, e.getMessage());
        }
        boolean fresh = processor.receive(event, payload, ReceivedEvents.Source.WEBHOOK);
        return new Received(true, !fresh);
    }

    /** The body as text, refusing bytes that are not UTF-8 (Stripe signs UTF-8 JSON). */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The body is not UTF-8.");
        }
    }

    private static ProblemException badSignature(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail, Map.of("field", SIGNATURE_HEADER));
    }
}
