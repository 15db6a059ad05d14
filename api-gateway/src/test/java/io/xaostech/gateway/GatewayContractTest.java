package io.xaostech.gateway;

import io.xaostech.platform.test.ServiceContractTest;

class GatewayContractTest extends ServiceContractTest {
}
