import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Helper of bench/jwt-algorithms.sh, a single-file program (JDK only): how long verifying one access token's
 * signature takes with each JWS algorithm a platform could pick (SECURITY-CHECKLIST 4: RS256 for tokens verified
 * on every request). Signs a token-sized input (header and claims as account issues them) once per algorithm,
 * warms up, then verifies it for SECONDS per algorithm on one thread and prints "alg microseconds-per-verify".
 */
public class JwtAlgorithms {

    record Algorithm(String jws, String jca, Supplier<KeyPair> keys, PSSParameterSpec pss) {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"4f1d3c1e-8f0a-4a55-9d64-2f6c1b2f8a71\"}");
        String claims = b64("{\"iss\":\"http://localhost:8080/auth\",\"sub\":\"0b8e5f0e-6a55-4f43-9d3c-6c1f2a7b9e10\","
                + "\"aud\":[\"api\"],\"roles\":[\"USER\"],\"scope\":\"openid profile\",\"sid\":\"5d7f\","
                + "\"iat\":1795700000,\"exp\":1795700300,\"jti\":\"7b3e1c55-0c4f-4b1e-8f44-0b7f1d6a9c21\"}");
        byte[] input = (header + "." + claims).getBytes(StandardCharsets.US_ASCII);
        Algorithm[] algorithms = {
            new Algorithm("RS256", "SHA256withRSA", () -> pair("RSA", 2048), null),
            new Algorithm("PS256", "RSASSA-PSS", () -> pair("RSA", 2048),
                    new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1)),
            new Algorithm("ES256", "SHA256withECDSA", JwtAlgorithms::p256, null),
            new Algorithm("EdDSA", "Ed25519", () -> pair("Ed25519", 0), null),
        };
        for (Algorithm algorithm : algorithms) {
            KeyPair keys = algorithm.keys().get();
            Signature signer = Signature.getInstance(algorithm.jca());
            if (algorithm.pss() != null) {
                signer.setParameter(algorithm.pss());
            }
            signer.initSign(keys.getPrivate());
            signer.update(input);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.jca());
            if (algorithm.pss() != null) {
                verifier.setParameter(algorithm.pss());
            }
            verify(verifier, keys, input, signature, seconds / 2);           // warm-up
            double micros = verify(verifier, keys, input, signature, seconds);
            System.out.printf(Locale.ROOT, "%s %.1f%n", algorithm.jws(), micros);
        }
    }

    /** Verifies for about {@code seconds}; answers the mean time of one verification in microseconds. */
    private static double verify(Signature verifier, KeyPair keys, byte[] input, byte[] signature, double seconds)
            throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long started = System.nanoTime();
        long count = 0;
        while (System.nanoTime() < deadline) {
            verifier.initVerify(keys.getPublic());
            verifier.update(input);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("signature did not verify");
            }
            count++;
        }
        return (System.nanoTime() - started) / 1e3 / count;
    }

    private static KeyPair pair(String type, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
            if (size > 0) {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
