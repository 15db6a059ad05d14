package io.xaostech.account.user;

import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs users in by email. The principal's name is the user id, so every token's {@code sub} is the stable id,
 * never the (changeable) email. A disabled or deleted user, or one who has not verified their address (when
 * that is required), cannot sign in.
 */
@Service
class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final JdbcClient jdbc;
    private final boolean requireVerifiedEmail;

    AccountUserDetailsService(JdbcClient jdbc, io.xaostech.account.config.AccountProperties properties) {
        this.jdbc = jdbc;
        this.requireVerifiedEmail = properties.users().requireVerifiedEmail();
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String email) {
        record Row(String id, String passwordHash, String status, boolean verified) {
        }
        Row row = jdbc.sql("select id, password_hash, status, email_verified from users where lower(email) = ?")
                .param(email == null ? "" : email.trim().toLowerCase(Locale.ROOT))
                .query((rs, i) -> new Row(rs.getString("id"), rs.getString("password_hash"), rs.getString("status"),
                        rs.getBoolean("email_verified")))
                .optional()
                .filter(r -> r.passwordHash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        List<SimpleGrantedAuthority> roles = jdbc.sql("select role from user_roles where user_id = ?::uuid")
                .param(row.id())
                .query(String.class).list().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
        return User.withUsername(row.id())
                .password(row.passwordHash())
                .authorities(roles)
                .disabled(!"ACTIVE".equals(row.status()) || (requireVerifiedEmail && !row.verified()))
                .build();
    }

    /** Called after a successful sign-in whose hash used older parameters: stores the re-hashed password. */
    @Override
    @Transactional
    public UserDetails updatePassword(UserDetails user, String newEncodedPassword) {
        jdbc.sql("update users set password_hash = ? where id = ?::uuid").params(newEncodedPassword, user.getUsername())
                .update();
        return User.withUserDetails(user).password(newEncodedPassword).build();
    }
}
