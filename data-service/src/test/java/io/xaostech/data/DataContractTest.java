package io.xaostech.data;

import io.xaostech.platform.test.ServiceContractTest;

class DataContractTest extends ServiceContractTest {
}
