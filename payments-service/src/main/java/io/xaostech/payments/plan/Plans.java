package io.xaostech.payments.plan;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.payments.config.PaymentsProperties;
import io.xaostech.payments.config.PaymentsProperties.Plan;
import io.xaostech.platform.web.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The configured plans by id and by Stripe price; a price sold by two plans is a configuration error. */
@Component
public class Plans {

    private final Map<String, Plan> byId;
    private final Map<String, Plan> byPrice;

    public Plans(PaymentsProperties properties) {
        this.byId = properties.plans().stream()
                .collect(Collectors.toMap(Plan::id, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("Two plans are named " + a.id());
                }, LinkedHashMap::new));
        this.byPrice = properties.plans().stream()
                .collect(Collectors.toMap(Plan::priceId, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("Plans " + a.id() + " and " + b.id() + " sell the same price");
                }));
    }

    public List<Plan> all() {
        return List.copyOf(byId.values());
    }

    /** The plan a client asked for; an unknown id is a 400 naming the field. */
    public Plan require(String id) {
        Plan plan = byId.get(id);
        if (plan == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "No plan '" + id + "'; GET /api/v1/payments/plans "
                    + "lists them.", Map.of("field", "plan"));
        }
        return plan;
    }

    /** Our plan for a Stripe price, if it is one we sell. */
    public Optional<Plan> forPrice(String priceId) {
        return Optional.ofNullable(priceId).map(byPrice::get);
    }
}
