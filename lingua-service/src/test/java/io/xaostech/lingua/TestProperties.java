package io.xaostech.lingua;

import io.xaostech.lingua.config.LinguaProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** lingua's settings bound as the service binds them (defaults included), from a few {@code xaos.lingua.*} values. */
public final class TestProperties {

    private TestProperties() {
    }

    public static LinguaProperties of(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        for (String plan : new String[] {"anonymous", "user", "supporter"}) {
            all.putIfAbsent("xaos.lingua.quotas." + plan + ".requests-per-minute", "100");
            all.putIfAbsent("xaos.lingua.quotas." + plan + ".requests-per-day", "1000");
            all.putIfAbsent("xaos.lingua.quotas." + plan + ".chars-per-minute", "100000");
            all.putIfAbsent("xaos.lingua.quotas." + plan + ".chars-per-day", "1000000");
        }
        return new Binder(new MapConfigurationPropertySource(all)).bind("xaos.lingua", LinguaProperties.class)
                .orElseThrow(() -> new IllegalStateException("xaos.lingua did not bind"));
    }
}
