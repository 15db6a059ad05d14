package io.xaostech.data.consent;

/** Whose consent: a signed-in user (by id) or a visitor before signing in (by the id in their cookie). */
public record Subject(String kind, String id) {

    public static final String USER = "USER";
    public static final String VISITOR = "VISITOR";

    public static Subject user(java.util.UUID id) {
        return new Subject(USER, id.toString());
    }

    @Override
    public String toString() {
        return kind.toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
