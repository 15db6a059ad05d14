package io.xaostech.account;

import io.xaostech.account.config.AccountProperties;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/** account-service running on a random port, with the {@link AccountFixture} its API tests share. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AccountApiTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected JwtEncoder encoder;

    @Autowired
    protected PasswordEncoder passwords;

    @Autowired
    protected AccountProperties properties;

    protected AccountFixture api;

    @BeforeEach
    void fixture() {
        api = new AccountFixture(port, jdbc, encoder, passwords, properties);
    }
}
