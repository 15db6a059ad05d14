package io.xaostech.account.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.xaostech.common.security.Audiences;
import java.net.URL;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The provider as a standard client sees it, driven over real HTTP by the Nimbus OAuth 2.0 SDK, which knows
 * nothing of Spring: discovery, JWKS, and the client_credentials grant of the service clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class AuthorizationServerTest {

    private static String issuer;
    private static OIDCProviderMetadata metadata;

    @DynamicPropertySource
    static void issuerOnAFreePort(DynamicPropertyRegistry registry) {
        issuer = IssuerOnFreePort.register(registry);
    }

    private OIDCProviderMetadata metadata() throws Exception {
        if (metadata == null) {
            metadata = OIDCProviderMetadata.resolve(new Issuer(issuer));
        }
        return metadata;
    }

    @Test
    void discoveryDescribesTheIssuerAndItsEndpoints() throws Exception {
        OIDCProviderMetadata provider = metadata();

        assertThat(provider.getIssuer().getValue()).isEqualTo(issuer);
        assertThat(provider.getTokenEndpointURI()).hasToString(issuer + "/oauth2/token");
        assertThat(provider.getJWKSetURI()).hasToString(issuer + "/oauth2/jwks");
        assertThat(provider.getRevocationEndpointURI()).isNotNull();
        assertThat(provider.getIntrospectionEndpointURI()).isNotNull();
        assertThat(provider.getUserInfoEndpointURI()).isNotNull();
        assertThat(provider.getCodeChallengeMethods()).extracting(Object::toString).containsExactly("S256");
        assertThat(provider.getGrantTypes()).extracting(Object::toString)
                .contains("authorization_code", "client_credentials", "refresh_token")
                .doesNotContain("password", "implicit");
    }

    @Test
    void jwksPublishesPublicKeysWithKeyIds() throws Exception {
        JWKSet jwks = JWKSet.load(metadata().getJWKSetURI().toURL());

        assertThat(jwks.getKeys()).isNotEmpty();
        jwks.getKeys().forEach(key -> {
            assertThat(key.getKeyID()).isNotBlank();
            assertThat(key.isPrivate()).as("published key %s is public only", key.getKeyID()).isFalse();
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        });
    }

    @Test
    void serviceClientGetsASignedTokenForInternalCallsOnly() throws Exception {
        AccessToken token = clientCredentialsToken("svc-blog", "dev-only-blog-secret");

        JWTClaimsSet claims = verified(token.getValue());
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getSubject()).isEqualTo("svc-blog");
        assertThat(claims.getAudience()).containsExactly(Audiences.INTERNAL);
        assertThat(claims.getStringClaim("scope")).isEqualTo("internal");
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now())
                .isBefore(Instant.now().plusSeconds(11 * 60));
        assertThat(SignedJWT.parse(token.getValue()).getHeader().getKeyID()).isNotBlank();
    }

    @Test
    void wrongClientSecretIsRejected() throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(metadata().getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID("svc-blog"), new Secret("not-the-secret")),
                new ClientCredentialsGrant(), new Scope("internal")).toHTTPRequest().send());

        assertThat(response.indicatesSuccess()).isFalse();
        ErrorObject error = ((TokenErrorResponse) response).getErrorObject();
        assertThat(error.getCode()).isEqualTo("invalid_client");
        assertThat(error.getHTTPStatusCode()).isEqualTo(401);
    }

    @Test
    void publicClientCannotUseClientCredentials() throws Exception {
        var request = new com.nimbusds.oauth2.sdk.http.HTTPRequest(
                com.nimbusds.oauth2.sdk.http.HTTPRequest.Method.POST, metadata().getTokenEndpointURI());
        request.setContentType("application/x-www-form-urlencoded");
        request.setBody("grant_type=client_credentials&client_id=cli");

        var response = request.send();
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(401);
    }

    @Test
    void passwordGrantIsNotSupported() throws Exception {
        var request = new com.nimbusds.oauth2.sdk.http.HTTPRequest(
                com.nimbusds.oauth2.sdk.http.HTTPRequest.Method.POST, metadata().getTokenEndpointURI());
        request.setContentType("application/x-www-form-urlencoded");
        request.setAuthorization(new ClientSecretBasic(new ClientID("svc-blog"),
                new Secret("dev-only-blog-secret")).toHTTPAuthorizationHeader());
        request.setBody("grant_type=password&username=a&password=b");

        var response = request.send();
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("unsupported_grant_type");
    }

    private AccessToken clientCredentialsToken(String clientId, String secret) throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(metadata().getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(clientId), new Secret(secret)),
                new ClientCredentialsGrant(), new Scope("internal")).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return response.toSuccessResponse().getTokens().getAccessToken();
    }

    private JWTClaimsSet verified(String jwt) throws Exception {
        URL jwksUrl = metadata().getJWKSetURI().toURL();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(jwksUrl).retrying(false).build()));
        return processor.process(jwt, null);
    }
}
