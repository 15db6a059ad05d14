package io.xaostech.account.mail;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import io.xaostech.platform.redis.Keyspace;

/**
 * The development mailer: logs each mail and keeps it for a day in Redis ({@code account:mailbox:<address>}),
 * readable by services at {@code /internal/dev/mailbox} (never routed by the gateway). Shared by every
 * instance, so tests and developers see mail whichever instance sent it.
 */
public class DevMailbox implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(DevMailbox.class);
    private static final Duration KEEP = Duration.ofDays(1);
    private static final int MAX_PER_ADDRESS = 50;
    private static final String SEPARATOR = "\n\u001e\n";

    private final StringRedisTemplate redis;
    private final Keyspace keyspace;

    public DevMailbox(StringRedisTemplate redis, Keyspace keyspace) {
        this.redis = redis;
        this.keyspace = keyspace;
    }

    @Override
    public void send(Mail mail) {
        String key = keyOf(mail.to());
        redis.opsForList().leftPush(key, mail.subject() + SEPARATOR + mail.body());
        redis.opsForList().trim(key, 0, MAX_PER_ADDRESS - 1);
        redis.expire(key, KEEP);
        log.info("Dev mailbox: mail to {} — {}", mail.to(), mail.subject());
    }

    /** Mail to one address, newest first. */
    public List<Mail> inbox(String address) {
        List<String> stored = redis.opsForList().range(keyOf(address), 0, MAX_PER_ADDRESS - 1);
        return stored == null ? List.of() : stored.stream().map(s -> {
            int split = s.indexOf(SEPARATOR);
            return new Mail(address, s.substring(0, split), s.substring(split + SEPARATOR.length()));
        }).toList();
    }

    private String keyOf(String address) {
        return keyspace.key("mailbox", address.trim().toLowerCase(Locale.ROOT));
    }
}
