package io.xaostech.platform.s3;

import io.xaostech.platform.config.PlatformAutoConfiguration;
import io.xaostech.platform.config.PlatformProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 client (path-style, endpoint from config), the service's bucket and its readiness check. */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@ConditionalOnClass(S3Client.class)
@ConditionalOnProperty("xaos.platform.s3.bucket")
public class S3AutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Client s3Client(PlatformProperties properties) {
        PlatformProperties.S3 s3 = properties.s3();
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(s3.connectTimeout())
                        .socketTimeout(s3.callTimeout()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(s3.callTimeout())
                        .build())
                .build();
    }

    /** Short-lived download links to objects of the service's bucket, signed for S3 as browsers reach it. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Presigner s3Presigner(PlatformProperties properties) {
        PlatformProperties.S3 s3 = properties.s3();
        return S3Presigner.builder()
                .endpointOverride(s3.publicEndpoint() == null ? s3.endpoint() : s3.publicEndpoint())
                .region(Region.of(s3.region()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(S3ProblemAdvice.class)
    static class ServletProblems {
    }

    @Bean
    OwnedBucket ownedBucket(S3Client s3Client, PlatformProperties properties) {
        return new OwnedBucket(s3Client, properties.s3().bucket(), properties.s3().createBucket());
    }

    @Bean("s3")
    S3HealthIndicator s3HealthIndicator(OwnedBucket bucket) {
        return new S3HealthIndicator(bucket);
    }

    @EventListener(ApplicationReadyEvent.class)
    void createBucket(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(OwnedBucket.class).ensureExists();
    }
}
