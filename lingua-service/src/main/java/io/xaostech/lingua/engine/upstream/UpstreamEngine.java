package io.xaostech.lingua.engine.upstream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.xaostech.lingua.config.LinguaProperties;
import io.xaostech.lingua.engine.EngineUnavailable;
import io.xaostech.lingua.engine.TranslationEngine;
import io.xaostech.lingua.language.LanguagePair;
import io.xaostech.platform.crypto.Sha256;
import io.xaostech.platform.dependency.DependencyFailures;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP engine for pairs Apertium lacks: a LibreTranslate-compatible server or DeepL's API, with a timeout on
 * every call and a circuit breaker that stops asking a failing upstream for a while (requests for its pairs then
 * get a 503 at once; Apertium's pairs are not touched).
 */
@Component
@Order(2)
public class UpstreamEngine implements TranslationEngine {

    private final LinguaProperties.Upstream settings;
    private final UpstreamProtocol protocol;
    private final Set<LanguagePair> pairs;
    private final HttpClient http;
    private final JsonMapper json;
    private final CircuitBreaker breaker;
    private final String version;
    private final DependencyFailures failures;

    public UpstreamEngine(LinguaProperties properties, JsonMapper json, DependencyFailures failures) {
        this.settings = properties.upstream();
        this.failures = failures;
        this.json = json;
        this.protocol = UpstreamProtocol.of(settings.kind());
        if (protocol != UpstreamProtocol.NONE && settings.url() == null) {
            throw new IllegalStateException("xaos.lingua.upstream.url is required for kind " + settings.kind());
        }
        this.pairs = protocol == UpstreamProtocol.NONE ? Set.of()
                : settings.pairs().stream().map(LanguagePair::parse).collect(Collectors.toUnmodifiableSet());
        this.version = Sha256.hex(settings.kind() + "|" + settings.url()).substring(0, 16);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).build();
        this.breaker = CircuitBreaker.of("lingua-upstream", CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(IOException.class, UpstreamProtocol.UpstreamFailed.class,
                        tools.jackson.core.JacksonException.class)
                .build());
    }

    @Override
    public String id() {
        return "upstream";
    }

    @Override
    public String version(LanguagePair pair) {
        return version;
    }

    @Override
    public Set<LanguagePair> pairs() {
        return pairs;
    }

    @Override
    public List<String> translate(LanguagePair pair, List<String> texts) {
        try {
            return breaker.executeCallable(() -> call(pair, texts));
        } catch (CallNotPermittedException e) {
            throw new EngineUnavailable("The upstream translation engine for " + pair + " kept failing; it is "
                    + "rested for up to " + settings.openFor().toSeconds() + " s.", (int) settings.openFor().toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailable("Interrupted while waiting for the upstream translation engine.", 1);
        } catch (Exception e) {
            failures.record("upstream-translation", "pair-unavailable", "translate " + pair + " with " + settings.kind(), e);
            throw new EngineUnavailable("The upstream translation engine for " + pair + " did not answer usefully; "
                    + "retry later.", 5);
        }
    }

    private List<String> call(LanguagePair pair, List<String> texts) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(protocol.endpoint(settings.url()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        protocol.authorize(request, settings.apiKey());
        request.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                protocol.body(pair, texts, settings.apiKey()))));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new UpstreamProtocol.UpstreamFailed("upstream answered " + response.statusCode());
        }
        List<String> translated = protocol.translations(json.readTree(response.body()));
        if (translated.size() != texts.size()) {
            throw new UpstreamProtocol.UpstreamFailed("upstream answered " + translated.size() + " translations for "
                    + texts.size() + " texts");
        }
        return translated;
    }
}
