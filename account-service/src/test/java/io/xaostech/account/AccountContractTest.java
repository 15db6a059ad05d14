package io.xaostech.account;

import io.xaostech.platform.test.ServiceContractTest;

class AccountContractTest extends ServiceContractTest {
}
