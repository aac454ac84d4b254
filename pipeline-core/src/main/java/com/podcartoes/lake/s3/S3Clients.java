package com.podcartoes.lake.s3;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the one kind of S3 client the product uses, for AWS and for S3-compatible servers alike: an endpoint
 * override switches to path-style addressing, nothing else differs.
 */
public final class S3Clients {
    private S3Clients() {
    }

    /** Credentials: a named profile if the location has one, else the AWS default chain. */
    public static AwsCredentialsProvider credentialsFor(S3Location location) {
        return location.credentialsProfile()
                .<AwsCredentialsProvider>map(ProfileCredentialsProvider::create)
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    /** Fixed credentials, for the embedded server that only listens on 127.0.0.1. */
    public static AwsCredentialsProvider staticCredentials(String accessKeyId, String secretAccessKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    public static S3Client create(S3Location location, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .region(Region.of(location.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(32)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2)))
                // We verify content ourselves (size, SHA-256 in the control file); the SDK's flexible checksums
                // are only sent where S3 requires them, which S3-compatible servers also understand.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        location.endpoint().ifPresentOrElse(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true),
                // On AWS a bucket in another region than the configured one still answers (the SDK follows its
                // 301 once and caches the region); lake doctor says the region is wrong so it can be fixed.
                () -> builder.crossRegionAccessEnabled(true));
        return builder.build();
    }
}
