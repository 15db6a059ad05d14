package io.xaostech.lingua;

import io.xaostech.platform.test.ServiceContractTest;

class LinguaContractTest extends ServiceContractTest {
}
