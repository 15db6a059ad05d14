package io.xaostech.portfolio;

import io.xaostech.platform.test.ServiceContractTest;

class PortfolioContractTest extends ServiceContractTest {
}
