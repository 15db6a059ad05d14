package io.xaostech.chat;

import io.xaostech.platform.test.ServiceContractTest;
import java.util.Optional;
import java.util.UUID;

class ChatContractTest extends ServiceContractTest {

    @Override
    protected Optional<String> userApiPath(UUID user) {
        return Optional.of("/api/v1/chat/rooms");
    }
}
