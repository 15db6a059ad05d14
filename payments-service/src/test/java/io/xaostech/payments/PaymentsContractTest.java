package io.xaostech.payments;

import io.xaostech.platform.test.ServiceContractTest;

class PaymentsContractTest extends ServiceContractTest {
}
