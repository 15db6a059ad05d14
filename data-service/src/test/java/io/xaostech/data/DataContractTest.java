package io.xaostech.data;

import io.xaostech.platform.test.ServiceContractTest;
import java.util.Optional;
import java.util.UUID;

class DataContractTest extends ServiceContractTest {

    @Override
    protected Optional<String> userApiPath(UUID user) {
        return Optional.of("/api/v1/data/users/" + user + "/consents");
    }
}
