package io.xaostech.data.receipt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs consent receipts (compact JWS, RS256, type {@code consent-receipt+jwt}) with the service's newest receipt
 * key, made on first use and kept in {@code receipt_keys} so that receipts stay verifiable across restarts and
 * instances; every key stays published at {@code /api/v1/data/receipts/jwks}. (A deployment that wants the key
 * outside the database supplies its own; see docs/adr/008-data.md.)
 */
@Component
public class ReceiptSigner {

    static final JOSEObjectType TYPE = new JOSEObjectType("consent-receipt+jwt");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private volatile RSAKey key;

    ReceiptSigner(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The receipt's claims, signed. */
    public String sign(Map<String, ?> claims) {
        RSAKey signing = signingKey();
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signing.getKeyID()).type(TYPE).build(),
                    new Payload(json.writeValueAsString(claims)));
            jws.sign(new RSASSASigner(signing));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a receipt", e);
        }
    }

    /** Every receipt key's public half, as a JWK set. */
    public Map<String, Object> publicKeys() {
        signingKey();
        List<Map<String, Object>> keys = jdbc.sql("select public_jwk from receipt_keys order by created_at desc")
                .query(String.class).list().stream().map(ReceiptSigner::parse).toList();
        return Map.of("keys", keys);
    }

    private RSAKey signingKey() {
        RSAKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = loadOrCreate();
                }
                current = key;
            }
        }
        return current;
    }

    private RSAKey loadOrCreate() {
        List<String> newest = jdbc.sql("select private_key from receipt_keys order by created_at desc limit 1")
                .query(String.class).list();
        try {
            if (!newest.isEmpty()) {
                return RSAKey.parse(newest.get(0));
            }
            RSAKey made = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            jdbc.sql("insert into receipt_keys (kid, private_key, public_jwk) values (?, ?, ?)")
                    .params(made.getKeyID(), made.toJSONString(), made.toPublicJWK().toJSONString()).update();
            // Another instance may have made one at the same moment: everyone signs with the newest.
            return RSAKey.parse(jdbc.sql("select private_key from receipt_keys order by created_at desc, kid limit 1")
                    .query(String.class).single());
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("no usable receipt key", e);
        }
    }

    private static Map<String, Object> parse(String jwk) {
        try {
            return RSAKey.parse(jwk).toJSONObject();
        } catch (ParseException e) {
            throw new IllegalStateException("a stored receipt key does not parse", e);
        }
    }
}
