package io.xaostech.webfront.language;

import java.text.MessageFormat;
import java.util.Locale;
import org.springframework.context.support.AbstractMessageSource;

/**
 * The templates' {@code #{...}}: English from {@code messages.properties} (the parent), other languages from
 * lingua's catalogue, any string lingua lacks falling back to the English one.
 */
final class CatalogueMessages extends AbstractMessageSource {

    private final LinguaCatalogue catalogue;

    CatalogueMessages(LinguaCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    protected String resolveCodeWithoutArguments(String code, Locale locale) {
        if (locale == null || Languages.ENGLISH.equals(locale.getLanguage())) {
            return null;
        }
        return catalogue.in(locale.getLanguage()).messages().get(code);
    }

    @Override
    protected MessageFormat resolveCode(String code, Locale locale) {
        String text = resolveCodeWithoutArguments(code, locale);
        return text == null ? null : createMessageFormat(text, locale);
    }

    /** Whether the strings are there in this language (English always; others once lingua answered them). */
    boolean available(Locale locale) {
        return locale == null || Languages.ENGLISH.equals(locale.getLanguage())
                || !catalogue.in(locale.getLanguage()).messages().isEmpty();
    }

    /** Whether any of the page's strings in this language came from a machine (the footer says so). */
    boolean machineTranslated(Locale locale) {
        return locale != null && !Languages.ENGLISH.equals(locale.getLanguage())
                && !catalogue.in(locale.getLanguage()).machine().isEmpty();
    }
}
