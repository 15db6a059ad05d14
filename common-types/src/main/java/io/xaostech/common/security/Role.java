package io.xaostech.common.security;

/** Platform roles carried in the {@code roles} claim. */
public enum Role {
    USER,
    ADMIN,
    SUPPORTER;

    /** The Spring Security authority name for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
