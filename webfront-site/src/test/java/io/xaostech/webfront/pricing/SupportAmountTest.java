package io.xaostech.webfront.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One-off amounts as visitors write them, turned into the smallest unit within payments' limits. */
class SupportAmountTest {

    private static final PaymentsClient.OneOff LIMITS = new PaymentsClient.OneOff(100, 100_000, List.of("eur", "usd", "jpy"));

    @Test
    void writtenAmountsBecomeTheSmallestUnitOfTheirCurrency() {
        assertThat(SupportAmount.parse("5", "eur", LIMITS)).hasValue(500L);
        assertThat(SupportAmount.parse(" 5.5 ", "usd", LIMITS)).hasValue(550L);
        assertThat(SupportAmount.parse("12,34", "eur", LIMITS)).as("a decimal comma").hasValue(1234L);
        assertThat(SupportAmount.parse("1000", "eur", LIMITS)).as("the maximum").hasValue(100_000L);
        assertThat(SupportAmount.parse("500", "jpy", LIMITS)).as("yen has no cents").hasValue(500L);
    }

    @Test
    void amountsOutsideTheLimitsOrBadlyWrittenAreRefused() {
        for (String refused : new String[] {"0.99", "1000.01", "-5", "5.001", "1e3", "", "five", "99999999"}) {
            assertThat(SupportAmount.parse(refused, "eur", LIMITS)).as(refused).isEmpty();
        }
        assertThat(SupportAmount.parse("5", "gbp", LIMITS)).as("not a currency payments takes").isEmpty();
        assertThat(SupportAmount.parse("5.50", "jpy", LIMITS)).as("no fractions of a yen").isEmpty();
        assertThat(SupportAmount.rule(LIMITS))
                .isEqualTo("Give an amount from 1.00 to 1000.00 EUR, or 1.00 to 1000.00 USD, or 100 to 100000 JPY.");
    }
}
