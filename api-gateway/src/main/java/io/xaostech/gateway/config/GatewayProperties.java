package io.xaostech.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * api-gateway settings ({@code xaos.gateway.*}).
 *
 * @param blockedPathPrefixes paths never routed, whatever the routes say: every service's {@code /internal/**}, and
 *                            account's internal and actuator paths under {@code /auth}, whose route forwards the rest
 * @param trustedProxyHops    how many {@code X-Forwarded-For} hops in front of the gateway are our own proxies;
 *                            0 means the connection's peer is the client
 * @param allowedOrigins      browser origins allowed to call the APIs (CORS) and to open WebSockets
 * @param maxBodySize         the largest request body (by {@code Content-Length}) a route takes unless its metadata
 *                            {@code max-body-size} says otherwise
 * @param auth                how callers are authenticated at the edge
 * @param rateLimits          the rate-limit policies routes refer to
 */
@Validated
@ConfigurationProperties("xaos.gateway")
public record GatewayProperties(
        @NotEmpty @DefaultValue({"/internal", "/auth/internal", "/auth/actuator"}) List<@Pattern(regexp = "/[a-z0-9/_-]+") String> blockedPathPrefixes,
        @Min(0) @Max(10) @DefaultValue("0") int trustedProxyHops,
        @NotEmpty @DefaultValue("http://localhost:8080") List<@Pattern(regexp = "https?://[^/\\s*]+") String> allowedOrigins,
        @NotNull @DefaultValue("2MB") DataSize maxBodySize,
        @Valid @NotNull @DefaultValue Auth auth,
        @Valid @NotNull @DefaultValue RateLimits rateLimits,
        @Valid @NotNull @DefaultValue Breakers breakers,
        @Valid @NotNull @DefaultValue RequestLog requestLog) {

    public GatewayProperties {
        if (maxBodySize != null && maxBodySize.isNegative()) {
            throw new IllegalArgumentException("xaos.gateway.max-body-size must not be negative");
        }
    }

    /**
     * One circuit breaker per route, over its upstream's failures (no connection, timeouts, 502/503/504).
     *
     * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
     * @param slidingWindowSize    how many recent calls the rate is taken over
     * @param minimumCalls         calls needed in the window before the rate counts
     * @param openFor              how long an open breaker refuses calls before letting a few try again
     * @param halfOpenCalls        how many calls try the upstream while half-open
     */
    public record Breakers(@Min(1) @Max(100) @DefaultValue("50") int failureRateThreshold,
                           @Min(1) @DefaultValue("20") int slidingWindowSize,
                           @Min(1) @DefaultValue("10") int minimumCalls,
                           @NotNull @DefaultValue("10s") Duration openFor,
                           @Min(1) @DefaultValue("3") int halfOpenCalls) {
    }

    /**
     * The API request log in the {@code api} schema.
     *
     * @param enabled       whether requests are logged at all
     * @param queueCapacity entries held in memory awaiting a write; beyond it entries are dropped (and counted),
     *                      never the request delayed
     * @param batchSize     the most entries one insert writes
     * @param flushInterval how often queued entries are written
     * @param retention     how long entries are kept
     */
    public record RequestLog(@DefaultValue("true") boolean enabled,
                             @Min(100) @DefaultValue("20000") int queueCapacity,
                             @Min(1) @DefaultValue("500") int batchSize,
                             @NotNull @DefaultValue("1s") Duration flushInterval,
                             @NotNull @DefaultValue("30d") Duration retention) {
    }

    /**
     * @param issuer                 the only accepted {@code iss}: account's issuer as clients see it
     * @param jwksUri                where account publishes its keys (reached directly, not through the gateway)
     * @param tokenUri               account's token endpoint, for the gateway's own service token
     * @param apiKeyResolveUri       account's internal API-key resolution endpoint
     * @param audience               the audience user tokens must carry
     * @param algorithms             accepted signature algorithms; anything else (none, HS256, …) is refused
     * @param clockSkew              tolerance on {@code exp} and {@code nbf}
     * @param jwksRefreshInterval    how often the key set is fetched anyway
     * @param jwksMinRefreshInterval the least time between two fetches caused by unknown key ids
     * @param apiKeyCacheTtl         how long a resolved (or unknown) API key is cached in Redis; a revoked key
     *                               stops working within this time
     * @param clientId               the gateway's client at account (client_credentials)
     * @param clientSecret           its secret
     * @param callTimeout            timeout of each call to account
     */
    public record Auth(@NotNull @DefaultValue("http://localhost:8080/auth") URI issuer,
                       @NotNull @DefaultValue("http://127.0.0.1:8081/oauth2/jwks") URI jwksUri,
                       @NotNull @DefaultValue("http://127.0.0.1:8081/oauth2/token") URI tokenUri,
                       @NotNull @DefaultValue("http://127.0.0.1:8081/internal/api-keys/resolve") URI apiKeyResolveUri,
                       @NotBlank @DefaultValue("api") String audience,
                       @NotEmpty @DefaultValue({"RS256", "ES256"}) Set<String> algorithms,
                       @NotNull @DefaultValue("30s") Duration clockSkew,
                       @NotNull @DefaultValue("5m") Duration jwksRefreshInterval,
                       @NotNull @DefaultValue("10s") Duration jwksMinRefreshInterval,
                       @NotNull @DefaultValue("30s") Duration apiKeyCacheTtl,
                       @NotBlank @DefaultValue("svc-gateway") String clientId,
                       @NotBlank @DefaultValue("dev-only-gateway-secret") String clientSecret,
                       @NotNull @DefaultValue("2s") Duration callTimeout) {

        @Override
        public String toString() {
            return "Auth[issuer=" + issuer + ", jwksUri=" + jwksUri + ", audience=" + audience + "]";
        }
    }

    /**
     * @param enabled       whether limits apply at all (off only for measurements and emergencies)
     * @param shadow        report what would be limited (metric and log) without limiting anything
     * @param redisTimeout  the longest a limit decision waits for Redis before the policy's fallback applies
     * @param policies      named policies; a route names one in its metadata ({@code rate-limit: api})
     */
    public record RateLimits(@DefaultValue("true") boolean enabled,
                             @DefaultValue("false") boolean shadow,
                             @NotNull @DefaultValue("150ms") Duration redisTimeout,
                             @NotNull @DefaultValue Map<String, @Valid Policy> policies) {
    }

    /**
     * @param key           what one caller is: {@code principal} (user, else API key, else client address) or
     *                      {@code ip} (client address only)
     * @param whenRedisDown {@code local} (an in-memory bucket per instance), {@code open} (no limit) or
     *                      {@code closed} (503)
     * @param plans         limits per plan ({@code anonymous}, {@code user}, {@code supporter}, {@code key-user},
     *                      {@code key-supporter} for API keys of users and supporters);
     *                      {@code default} applies to a plan not listed
     */
    public record Policy(@NotNull @DefaultValue("principal") KeyBy key,
                         @NotNull @DefaultValue("local") WhenRedisDown whenRedisDown,
                         @NotEmpty Map<String, @NotEmpty List<@Valid Limit>> plans) {
    }

    public enum KeyBy { PRINCIPAL, IP }

    public enum WhenRedisDown { LOCAL, OPEN, CLOSED }

    /**
     * One token bucket: {@code rate} tokens per {@code per}, holding at most {@code burst} (default: rate).
     *
     * @param name  short name shown in the {@code RateLimit-Policy} header
     */
    public record Limit(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,31}") String name,
                        @Min(1) long rate,
                        @NotNull Duration per,
                        Long burst) {

        public long capacity() {
            return burst == null ? rate : burst;
        }
    }
}
