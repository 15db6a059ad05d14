package io.xaostech.account.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * account-service settings ({@code xaos.account.*}). Secrets have development defaults that say so; production
 * sets them through the environment.
 *
 * @param issuer               the OAuth/OIDC issuer URL clients see (through the gateway)
 * @param accessTokenLifetime  lifetime of signed access tokens
 * @param refreshTokenLifetime absolute lifetime of a refresh token family
 * @param refreshTokenReuseGrace how long after a rotation the replaced refresh token may come again without
 *                             revoking its family (a client that lost the response retries)
 * @param keys                 token signing keys
 * @param clients              the clients seeded at start-up
 * @param users                how users sign up and in
 */
@Validated
@ConfigurationProperties("xaos.account")
public record AccountProperties(@NotNull @DefaultValue("http://localhost:8080/auth") URI issuer,
                                @NotNull @DefaultValue("10m") Duration accessTokenLifetime,
                                @NotNull @DefaultValue("30d") Duration refreshTokenLifetime,
                                @NotNull @DefaultValue("5s") Duration refreshTokenReuseGrace,
                                @Valid @NotNull @DefaultValue Keys keys,
                                @Valid @NotNull @DefaultValue Clients clients,
                                @Valid @NotNull @DefaultValue Users users) {

    /**
     * @param requireVerifiedEmail whether a user must prove their address before signing in
     * @param verifyEmailLink      link mailed for verification; the token is appended
     * @param resetPasswordLink    link mailed for a password reset; the token is appended
     * @param verificationTokenLifetime how long a verification link works
     * @param bootstrapAdminEmail  if set and no administrator exists, this user is created (or promoted) at start
     * @param bootstrapAdminPassword its password, from the environment
     * @param publicFormsPerAddress how many sign-up, reset or verification posts one client address may make per
     *                             {@code publicFormsWindow}, each kind counted apart
     * @param publicFormsWindow    the window of that limit
     */
    public record Users(@DefaultValue("true") boolean requireVerifiedEmail,
                        @NotBlank @DefaultValue("http://localhost:8080/auth/verify-email?token=") String verifyEmailLink,
                        @NotBlank @DefaultValue("http://localhost:8080/auth/reset-password/confirm?token=") String resetPasswordLink,
                        @NotNull @DefaultValue("24h") Duration verificationTokenLifetime,
                        String bootstrapAdminEmail,
                        String bootstrapAdminPassword,
                        @DefaultValue("30") @jakarta.validation.constraints.Min(1) int publicFormsPerAddress,
                        @NotNull @DefaultValue("15m") Duration publicFormsWindow) {

        @Override
        public String toString() {
            return "Users[requireVerifiedEmail=" + requireVerifiedEmail + ", bootstrapAdminEmail=" + bootstrapAdminEmail + "]";
        }
    }

    /**
     * @param encryptionSecret   secret from which the key encrypting stored private keys is derived
     * @param signingPeriod      how long one key signs before the next takes over
     * @param prepublishPeriod   how long before taking over the next key is published in the JWKS
     */
    public record Keys(@NotBlank @Size(min = 32) @DefaultValue("dev-only-key-encryption-secret-change-me") String encryptionSecret,
                       @NotNull @DefaultValue("30d") Duration signingPeriod,
                       @NotNull @DefaultValue("2d") Duration prepublishPeriod) {

        @Override
        public String toString() {
            return "Keys[signingPeriod=" + signingPeriod + ", prepublishPeriod=" + prepublishPeriod + "]";
        }
    }

    /**
     * @param webfront       the website's backend-for-frontend (confidential, authorization code + PKCE)
     * @param cli            the command-line client (public, authorization code + PKCE)
     * @param serviceSecrets client secret per service id for its client_credentials client {@code svc-<id>}
     */
    public record Clients(@Valid @NotNull @DefaultValue Webfront webfront,
                          @Valid @NotNull @DefaultValue Cli cli,
                          @NotNull @DefaultValue Map<String, String> serviceSecrets) {

        @Override
        public String toString() {
            return "Clients[webfront=" + webfront + ", cli=" + cli + ", services=" + serviceSecrets.keySet() + "]";
        }
    }

    public record Webfront(@NotBlank @DefaultValue("dev-only-webfront-secret") String secret,
                           @NotEmpty @DefaultValue("http://localhost:8080/me/oauth2/code/account") List<String> redirectUris,
                           @NotEmpty @DefaultValue("http://localhost:8080/") List<String> postLogoutRedirectUris) {

        @Override
        public String toString() {
            return "Webfront[redirectUris=" + redirectUris + "]";
        }
    }

    public record Cli(@NotEmpty @DefaultValue("http://127.0.0.1:8400/callback") List<String> redirectUris) {
    }
}
