package io.xaostech.lingua;

import io.xaostech.common.security.Role;
import io.xaostech.platform.test.ServiceContractTest;
import java.util.Optional;
import java.util.UUID;

class LinguaContractTest extends ServiceContractTest {

    @Override
    protected Optional<String> userApiPath(UUID user) {
        return Optional.of("/api/v1/lingua/admin/glossary");
    }

    @Override
    protected Role[] userApiRoles() {
        return new Role[] {Role.ADMIN};
    }
}
