package io.xaostech.webfront.language;

import io.xaostech.platform.security.ServiceClientProperties;
import io.xaostech.platform.security.ServiceTokens;
import io.xaostech.webfront.config.WebfrontProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import tools.jackson.databind.json.JsonMapper;

/** The site's messages (English bundled, others from lingua), its locale resolution, and its own service token. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceClientProperties.class)
class LanguageConfig {

    /** The site's own token (svc-webfront) for publishing its strings to lingua's /internal API. */
    @Bean
    ServiceTokens serviceTokens(ServiceClientProperties properties, JsonMapper json, Clock clock) {
        return new ServiceTokens(properties, json, clock);
    }

    @Bean
    MessageSource messageSource(LinguaCatalogue catalogue) {
        ResourceBundleMessageSource english = new ResourceBundleMessageSource();
        english.setBasename("messages");
        english.setDefaultEncoding("UTF-8");
        english.setFallbackToSystemLocale(false);
        CatalogueMessages messages = new CatalogueMessages(catalogue);
        messages.setParentMessageSource(english);
        return messages;
    }

    @Bean
    Languages localeResolver(WebfrontProperties properties) {
        return new Languages(properties);
    }
}
