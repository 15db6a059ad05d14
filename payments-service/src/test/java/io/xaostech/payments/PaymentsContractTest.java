package io.xaostech.payments;

import io.xaostech.platform.test.ServiceContractTest;
import java.util.Optional;
import java.util.UUID;

class PaymentsContractTest extends ServiceContractTest {

    @Override
    protected Optional<String> userApiPath(UUID user) {
        return Optional.of("/api/v1/payments/me/invoices");
    }
}
