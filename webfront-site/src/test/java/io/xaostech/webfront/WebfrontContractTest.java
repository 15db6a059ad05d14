package io.xaostech.webfront;

import io.xaostech.platform.test.ServiceContractTest;

class WebfrontContractTest extends ServiceContractTest {
}
