import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Helpers of bench/gateway.sh, run as a single-file program (no dependencies):
 *   keys DIR ISSUER [USERS]   writes DIR/jwks.json and DIR/token.txt (an RS256 access token of an administrator,
 *                     valid for 2 hours), the key set a stand-in account publishes and a token the gateway and
 *                     services accept; with USERS, also DIR/users.txt: that many lines "user-id token" of ordinary users
 * (bench/blog.sh and bench/chat.sh use them too.)
 */
public class GatewayKeys {

    public static void main(String[] args) throws Exception {
        if (!"keys".equals(args[0])) {
            throw new IllegalArgumentException("usage: keys DIR ISSUER [USERS]");
        }
        keys(Path.of(args[1]), args[2], args.length > 3 ? Integer.parseInt(args[3]) : 0);
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    static void keys(Path dir, String issuer, int users) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        String kid = UUID.randomUUID().toString();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + B64.encodeToString(unsigned(publicKey.getModulus().toByteArray())) + "\",\"e\":\""
                + B64.encodeToString(unsigned(publicKey.getPublicExponent().toByteArray())) + "\"}]}";
        Files.writeString(dir.resolve("jwks.json"), jwks);
        Files.writeString(dir.resolve("token.txt"), token(pair, kid, issuer, UUID.randomUUID(), "\"USER\",\"ADMIN\""));
        if (users > 0) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < users; i++) {
                UUID user = UUID.randomUUID();
                lines.append(user).append(' ').append(token(pair, kid, issuer, user, "\"USER\"")).append('\n');
            }
            Files.writeString(dir.resolve("users.txt"), lines);
        }
    }

    private static String token(KeyPair pair, String kid, String issuer, UUID subject, String roles) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = B64.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String claims = B64.encodeToString(("{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject
                + "\",\"aud\":[\"api\"],\"roles\":[" + roles + "],\"scope\":\"openid\",\"iat\":" + now + ",\"exp\":" + (now + 7200)
                + "}").getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + B64.encodeToString(signer.sign());
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

}
