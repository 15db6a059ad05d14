package io.xaostech.account.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

@SpringBootTest(properties = {
        "xaos.account.users.bootstrap-admin-email=first-admin@example.test",
        "xaos.account.users.bootstrap-admin-password=a proper admin passphrase"})
class BootstrapAdminTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserDetailsService users;

    @Autowired
    BootstrapAdmin bootstrap;

    @Test
    void firstAdministratorComesFromConfigurationOnce() {
        // Other tests of this module's database may have made administrators; start from none.
        jdbc.sql("delete from user_roles where role = 'ADMIN'").update();
        bootstrap.afterSingletonsInstantiated();

        var admin = users.loadUserByUsername("first-admin@example.test");
        assertThat(admin.isEnabled()).as("created verified and active").isTrue();
        assertThat(admin.getAuthorities()).extracting(Object::toString).contains("ROLE_ADMIN", "ROLE_USER");

        bootstrap.afterSingletonsInstantiated();

        assertThat(jdbc.sql("select count(*) from users where lower(email) = 'first-admin@example.test'")
                .query(Integer.class).single()).isEqualTo(1);
    }
}
