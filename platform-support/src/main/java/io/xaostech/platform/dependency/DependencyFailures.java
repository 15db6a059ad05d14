package io.xaostech.platform.dependency;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dependency (Redis, PostgreSQL, another service, Stripe, an upstream engine) failed and the service carried on
 * under its stated policy (SECURITY-CHECKLIST 23): every such failure is logged at WARN, naming the dependency,
 * what was being done and the policy applied, and counted in {@code xaos.dependency.failures} tagged by
 * {@code dependency} and {@code policy}, so an outage is never silent and its size is on the dashboards.
 */
public final class DependencyFailures {

    public static final String METRIC = "xaos.dependency.failures";

    private static final Logger log = LoggerFactory.getLogger(DependencyFailures.class);

    private final MeterRegistry meters;

    public DependencyFailures(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * @param dependency what failed, lower case ({@code redis}, {@code stripe}, {@code upstream-translation}, …)
     * @param policy     what the service does instead, as a short tag ({@code retry-later}, {@code fail-closed}, …)
     * @param doing      what the service was doing ("translate en-es")
     * @param cause      the failure
     */
    public void record(String dependency, String policy, String doing, Throwable cause) {
        meters.counter(METRIC, "dependency", dependency, "policy", policy).increment();
        log.warn("Dependency {} failed while trying to {} (policy: {}): {}", dependency, doing, policy,
                cause == null ? "-" : cause.toString());
    }

    /** As {@link #record}, logged at ERROR: the failure needs an operator (a refused API key, a dropped event). */
    public void recordSevere(String dependency, String policy, String doing, Throwable cause) {
        meters.counter(METRIC, "dependency", dependency, "policy", policy).increment();
        log.error("Dependency {} failed while trying to {} (policy: {}): {}", dependency, doing, policy,
                cause == null ? "-" : cause.toString());
    }

    /** How many failures of {@code dependency} were recorded under {@code policy} so far. */
    public double count(String dependency, String policy) {
        var counter = meters.find(METRIC).tags("dependency", dependency, "policy", policy).counter();
        return counter == null ? 0 : counter.count();
    }
}
