package io.xaostech.chat;

import io.xaostech.platform.test.ServiceContractTest;

class ChatContractTest extends ServiceContractTest {
}
