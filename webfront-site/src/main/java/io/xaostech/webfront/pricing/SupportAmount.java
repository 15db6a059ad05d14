package io.xaostech.webfront.pricing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A one-off amount as a visitor writes it, in the currency's smallest unit, within payments' limits. */
final class SupportAmount {

    private static final Pattern WRITTEN = Pattern.compile("\\d{1,7}([.,]\\d{1,2})?");

    private SupportAmount() {
    }

    /** The amount in the currency's smallest unit (cents), or empty when it is not one payments takes. */
    static Optional<Long> parse(String written, String currency, PaymentsClient.OneOff limits) {
        String amount = written.strip();
        if (limits == null || !WRITTEN.matcher(amount).matches() || !limits.currencies().contains(currency)) {
            return Optional.empty();
        }
        int digits = fractionDigits(currency);
        BigDecimal value = new BigDecimal(amount.replace(',', '.'));
        if (value.scale() > digits) {
            return Optional.empty();
        }
        long minor = value.movePointRight(digits).longValueExact();
        return minor >= limits.minimum() && minor <= limits.maximum() ? Optional.of(minor) : Optional.empty();
    }

    /** What the form asks for, to say when an amount was refused (each currency with its own decimals). */
    static String rule(PaymentsClient.OneOff limits) {
        if (limits == null || limits.currencies().isEmpty()) {
            return "One-off support is not available just now.";
        }
        return "Give an amount from " + String.join(", or ", limits.currencies().stream().map(currency ->
                written(limits.minimum(), currency) + " to " + written(limits.maximum(), currency) + " "
                        + currency.toUpperCase(Locale.ROOT)).toList()) + ".";
    }

    /** An amount in the smallest unit as people write it ("5.00"). */
    static String written(long minor, String currency) {
        return BigDecimal.valueOf(minor).movePointLeft(fractionDigits(currency)).toPlainString();
    }

    private static int fractionDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }
}
