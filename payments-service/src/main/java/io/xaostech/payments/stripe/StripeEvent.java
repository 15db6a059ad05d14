package io.xaostech.payments.stripe;

import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Stripe event as we read it: its id, type, creation time and the object it carries, read from the JSON
 * itself rather than through stripe-java's typed models, so an object shape from another API version never
 * fails the event.
 *
 * @param created Stripe's creation time in epoch seconds, which orders the states of one object
 */
public record StripeEvent(String id, String type, long created, JsonNode object) {

    private static final int MAX_ID_LENGTH = 255;

    /** The event in a payload; a payload that is not a Stripe event is an {@link IllegalArgumentException}. */
    public static StripeEvent parse(JsonMapper json, String payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The body is not JSON.");
        }
        String id = text(root, "id");
        String type = text(root, "type");
        JsonNode created = root.get("created");
        JsonNode object = root.path("data").get("object");
        if (id == null || !id.startsWith("evt_") || id.length() > MAX_ID_LENGTH || !"event".equals(text(root, "object"))) {
            throw new IllegalArgumentException("The body is not a Stripe event (no evt_ id).");
        }
        if (type == null || type.isBlank() || type.length() > 100 || created == null || !created.canConvertToLong()
                || object == null || !object.isObject()) {
            throw new IllegalArgumentException("Event " + id + " lacks its type, created time or data.object.");
        }
        return new StripeEvent(id, type, created.asLong(), object);
    }

    /** A string field of the object, or null. */
    public String field(String name) {
        return text(object, name);
    }

    /** A field holding another object's id, which an expanded event holds as the object itself. */
    public String reference(String name) {
        JsonNode value = object.get(name);
        if (value != null && value.isObject()) {
            return text(value, "id");
        }
        return text(object, name);
    }

    public long number(String name) {
        JsonNode value = object.get(name);
        return value == null || !value.canConvertToLong() ? 0 : value.asLong();
    }

    /** Our user as named in the object's metadata ({@code xaos_user_id}), if it is one. */
    public Optional<UUID> userInMetadata(String key) {
        return uuid(text(object.path("metadata"), key));
    }

    public static Optional<UUID> uuid(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static String text(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value == null || value.isNull() || value.isContainer() ? null : value.asString();
    }
}
