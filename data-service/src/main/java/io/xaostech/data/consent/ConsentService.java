package io.xaostech.data.consent;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.data.audit.AuditLog;
import io.xaostech.data.purpose.Purpose;
import io.xaostech.data.purpose.PurposeService;
import io.xaostech.data.receipt.ReceiptSigner;
import io.xaostech.platform.web.ProblemException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recording decisions and answering what a subject currently allows. Every change is appended to the log with
 * the exact notice it was made under, audited, answered with a signed receipt, and written to the cache once
 * committed. A Global Privacy Control signal withdraws the purposes marked for it, whatever the request says.
 */
@Service
public class ConsentService {

    /** One decision as asked for: under which notice version of the purpose. */
    public record Choice(String purpose, Decision decision, int noticeVersion) {
    }

    /** What a change stored, the subject's standing after it, and the signed receipt of it. */
    public record Change(List<ConsentRecord> records, List<PurposeConsent> consents, String receipt) {
    }

    private final ConsentRecords records;
    private final PurposeService purposes;
    private final ConsentCache cache;
    private final AuditLog audit;
    private final ReceiptSigner signer;
    private final TransactionTemplate tx;
    private final Clock clock;

    ConsentService(ConsentRecords records, PurposeService purposes, ConsentCache cache, AuditLog audit,
                   ReceiptSigner signer, TransactionTemplate tx, Clock clock) {
        this.records = records;
        this.purposes = purposes;
        this.cache = cache;
        this.audit = audit;
        this.signer = signer;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Records the choices. Each must name a known purpose and its current notice version (else 422), once;
     * essential purposes cannot be refused. With {@code gpc}, every purpose marked for the Global Privacy
     * Control is recorded as withdrawn (method GPC) unless already refused.
     */
    public Change record(Subject subject, List<Choice> choices, Method method, boolean gpc, String ip, String userAgent,
                         String actor) {
        Map<String, Purpose> known = purposes.all().stream().collect(Collectors.toMap(Purpose::code, Function.identity()));
        Set<String> named = new HashSet<>();
        for (Choice choice : choices) {
            Purpose purpose = known.get(choice.purpose());
            if (purpose == null) {
                throw unprocessable("Unknown purpose '" + choice.purpose() + "'.");
            }
            if (!named.add(choice.purpose())) {
                throw unprocessable("Purpose '" + choice.purpose() + "' is named twice.");
            }
            if (choice.noticeVersion() != purpose.noticeVersion()) {
                throw unprocessable("Notice version " + choice.noticeVersion() + " of '" + choice.purpose()
                        + "' is not the current one (" + purpose.noticeVersion() + "): show the current notice.");
            }
            if (purpose.essential() && choice.decision() != Decision.GRANTED) {
                throw unprocessable("'" + choice.purpose() + "' is essential: it cannot be refused.");
            }
        }
        Map<String, Decision> before = current(subject).stream().filter(c -> c.decision() != null)
                .collect(Collectors.toMap(PurposeConsent::purpose, PurposeConsent::decision));
        List<ConsentRecord> stored = tx.execute(status -> {
            List<ConsentRecord> appended = new ArrayList<>();
            for (Choice choice : choices) {
                Purpose purpose = known.get(choice.purpose());
                boolean withdrawnByGpc = gpc && purpose.gpcOptOut() && choice.decision() == Decision.GRANTED;
                appended.add(records.append(subject.kind(), subject.id(), purpose.code(),
                        withdrawnByGpc ? Decision.WITHDRAWN : choice.decision(), purpose.noticeVersion(),
                        purpose.noticeSha256(), withdrawnByGpc ? Method.GPC : method, ip, userAgent));
            }
            if (gpc) {
                for (Purpose purpose : known.values()) {
                    Decision was = before.get(purpose.code());
                    if (purpose.gpcOptOut() && !named.contains(purpose.code())
                            && was != Decision.DENIED && was != Decision.WITHDRAWN) {
                        appended.add(records.append(subject.kind(), subject.id(), purpose.code(), Decision.WITHDRAWN,
                                purpose.noticeVersion(), purpose.noticeSha256(), Method.GPC, ip, userAgent));
                    }
                }
            }
            Map<String, String> decisions = new LinkedHashMap<>();
            appended.forEach(r -> decisions.put(r.purpose(), r.decision() + "@" + r.noticeVersion()));
            audit.record(actor, "consent.changed", subject.toString(), decisions);
            return appended;
        });
        List<PurposeConsent> after = compute(subject);
        cache.put(subject, after);
        return new Change(stored, after, receipt(subject, stored, method));
    }

    /** The subject's standing on every purpose (from the cache when it has it). */
    public List<PurposeConsent> current(Subject subject) {
        return cache.get(subject).orElseGet(() -> {
            List<PurposeConsent> computed = compute(subject);
            cache.put(subject, computed);
            return computed;
        });
    }

    /** Everyone's standing before deciding anything: only essential purposes allowed. */
    public List<PurposeConsent> undecided() {
        return standing(Map.of());
    }

    /**
     * Carries a visitor's decisions over to the user they signed in as: each of the visitor's current decisions
     * is copied (same notice, method and time of collection, naming the visitor's record) unless the user
     * decided that purpose later themself. Linking again copies nothing new.
     */
    public List<PurposeConsent> link(Subject visitor, Subject user) {
        List<ConsentRecord> theirs = records.latest(visitor.kind(), visitor.id());
        Map<String, ConsentRecord> mine = records.latest(user.kind(), user.id()).stream()
                .collect(Collectors.toMap(ConsentRecord::purpose, Function.identity()));
        tx.executeWithoutResult(status -> {
            List<String> copied = new ArrayList<>();
            for (ConsentRecord record : theirs) {
                ConsentRecord own = mine.get(record.purpose());
                if (own != null && !own.recordedAt().isBefore(record.recordedAt())) {
                    continue;
                }
                records.append(user.kind(), user.id(), record.purpose(), record.decision(), record.noticeVersion(),
                        record.noticeSha256(), record.method(), record.ipTruncated(), record.userAgent(), record.id(),
                        record.recordedAt());
                copied.add(record.purpose());
            }
            if (!copied.isEmpty()) {
                audit.record(user.id(), "consent.linked", user.toString(), Map.of("visitor", visitor.id(),
                        "purposes", copied));
            }
        });
        List<PurposeConsent> after = compute(user);
        cache.put(user, after);
        return after;
    }

    /**
     * Erasure: the subject's records stay (proof of what was decided, and when) under a pseudonym that names no one,
     * without address or browser. Answers how many records.
     */
    public int anonymise(Subject subject) {
        int records = tx.execute(status -> this.records.anonymise(subject.kind(), subject.id(),
                "erased-" + UUID.randomUUID()));
        cache.evict(subject);
        return records;
    }

    /** The subject's log, newest first. */
    public List<ConsentRecord> history(Subject subject, OffsetDateTime before, int limit) {
        return records.history(subject.kind(), subject.id(), before, limit);
    }

    private List<PurposeConsent> compute(Subject subject) {
        return standing(records.latest(subject.kind(), subject.id()).stream()
                .collect(Collectors.toMap(ConsentRecord::purpose, Function.identity())));
    }

    private List<PurposeConsent> standing(Map<String, ConsentRecord> latest) {
        List<PurposeConsent> consents = new ArrayList<>();
        for (Purpose purpose : purposes.all()) {
            ConsentRecord record = latest.get(purpose.code());
            boolean stale = record != null && record.noticeVersion() < purpose.noticeVersion();
            boolean allowed = purpose.essential() || (record != null && !stale && record.decision() == Decision.GRANTED);
            consents.add(new PurposeConsent(purpose.code(), record == null ? null : record.decision(),
                    record == null ? null : record.noticeVersion(), purpose.noticeVersion(),
                    record != null && stale, allowed, record == null ? null : record.recordedAt()));
        }
        return consents;
    }

    private String receipt(Subject subject, List<ConsentRecord> stored, Method method) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "xaostech-data");
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("sub", subject.toString());
        claims.put("iat", clock.instant().getEpochSecond());
        claims.put("method", method.name());
        claims.put("records", stored.stream().map(r -> Map.of("id", r.id().toString(), "purpose", r.purpose(),
                "decision", r.decision().name(), "noticeVersion", r.noticeVersion(), "noticeSha256", r.noticeSha256(),
                "recordedAt", r.recordedAt().toString())).toList());
        return signer.sign(claims);
    }

    private static ProblemException unprocessable(String detail) {
        return new ProblemException(ProblemType.UNPROCESSABLE, detail);
    }
}
