package io.xaostech.blog;

import io.xaostech.platform.test.ServiceContractTest;

class BlogContractTest extends ServiceContractTest {
}
