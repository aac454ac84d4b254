package com.podcartoes.lake.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.podcartoes.lake.testing.TestDirs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SSE-KMS on the SDK's writes to the lake, seen on the wire by a stub S3 endpoint (the embedded server has no KMS):
 * every kind of PUT carries the key; without one, none carries encryption headers.
 */
class KmsEncryptionTest {
    private static final String SSE = "x-amz-server-side-encryption";
    private static final String KEY = "x-amz-server-side-encryption-aws-kms-key-id";
    private final WireMockServer s3 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private S3Client client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        s3.stop();
    }

    private S3Bucket bucket() {
        s3.start();
        s3.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"0123456789abcdef\"")));
        client = S3Clients.create(new S3Location("pod-lake", "us-east-1", Optional.of(URI.create(s3.baseUrl())),
                Optional.empty()), S3Clients.staticCredentials("test", "test"));
        return new S3Bucket(client, "pod-lake");
    }

    @Test
    void everyWriteCarriesTheKeyWhenOneIsConfigured() throws Exception {
        S3Bucket lake = bucket().withKmsKey("alias/pod-lake");
        Path file = Files.writeString(TestDirs.newDir("kms").resolve("raw.csv"), "a,b\n1,2\n");

        lake.putBytes("0000_control/runs/r1/trusted.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        lake.putFile(file, "0001_raw/tb_faturas/dados/raw.csv", Map.of(), null, n -> { });
        lake.putIfAbsent("0000_control/locks/processing.json", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        lake.putIfMatch("0000_control/locks/processing.json", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json", "0123456789abcdef");

        for (String key : new String[] {"0000_control/runs/r1/trusted.json", "0001_raw/tb_faturas/dados/raw.csv"}) {
            s3.verify(putRequestedFor(urlEqualTo("/pod-lake/" + key)).withHeader(SSE, equalTo("aws:kms"))
                    .withHeader(KEY, equalTo("alias/pod-lake")));
        }
        s3.verify(2, putRequestedFor(urlEqualTo("/pod-lake/0000_control/locks/processing.json"))
                .withHeader(SSE, equalTo("aws:kms")).withHeader(KEY, equalTo("alias/pod-lake")));
        assertThat(lake.kmsKeyId()).contains("alias/pod-lake");
    }

    @Test
    void withoutAKeyTheBucketsDefaultEncryptionApplies() {
        S3Bucket lake = bucket().withKmsKey("");
        lake.putBytes("0000_control/runs/r1/trusted.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        s3.verify(putRequestedFor(urlEqualTo("/pod-lake/0000_control/runs/r1/trusted.json"))
                .withHeader(SSE, absent()).withHeader(KEY, absent()));
        assertThat(lake.kmsKeyId()).isEmpty();
    }
}
