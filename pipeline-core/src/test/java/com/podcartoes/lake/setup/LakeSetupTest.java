package com.podcartoes.lake.setup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToXml;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Clients;
import com.podcartoes.lake.s3.S3Location;
import com.podcartoes.lake.s3.StorageException;
import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.TestLakes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code lake setup}'s lifecycle: on a stub S3 endpoint the PUT is checked against a golden body (the lake's rules
 * replaced, another owner's rule kept); on the embedded server, which has no lifecycle API, it is said in one line.
 */
class LakeSetupTest {
    private static final String LIFECYCLE = "/pod-lake/?\\?lifecycle.*";

    @Test
    void setsTheLakesRulesAndKeepsTheRulesOfOthers() throws IOException {
        WireMockServer s3 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        s3.start();
        try (S3Client client = S3Clients.create(new S3Location("pod-lake", "us-east-1",
                Optional.of(URI.create(s3.baseUrl())), Optional.empty()), S3Clients.staticCredentials("t", "t"))) {
            s3.stubFor(head(urlMatching("/pod-lake/?")).willReturn(aResponse().withStatus(200)));
            s3.stubFor(get(urlMatching(LIFECYCLE)).willReturn(aResponse().withStatus(200).withBody("""
                    <LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                      <Rule><ID>someone-elses-rule</ID><Filter><Prefix>exports/</Prefix></Filter>
                        <Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule>
                      <Rule><ID>pod-lake-raw-to-glacier</ID><Filter><Prefix>0001_raw/</Prefix></Filter>
                        <Status>Enabled</Status>
                        <Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition></Rule>
                    </LifecycleConfiguration>""")));
            s3.stubFor(put(urlMatching(LIFECYCLE)).willReturn(aResponse().withStatus(200)));

            LakeSetup.Report report = LakeSetup.apply(new S3Bucket(client, "pod-lake"), false, 120);

            s3.verify(putRequestedFor(urlMatching(LIFECYCLE)).withRequestBody(equalToXml(golden())));
            assertThat(report.lines()).containsExactly("lake bucket s3://pod-lake: exists",
                    "lifecycle: 0001_raw/ to Glacier Instant Retrieval after 120 days; incomplete multipart uploads"
                            + " aborted after 7 days");
        } finally {
            s3.stop();
        }
    }

    @Test
    void theEmbeddedServerHasNoLifecycleApiAndSetupSaysSo() {
        try (LocalS3 s3 = new LocalS3(TestLakes.newLakeHome("setup"))) {
            s3.start();
            S3Bucket lake = s3.bucket("pod-lake");

            assertThat(LakeSetup.apply(lake, true, 90).lines()).containsExactly(
                    "lake bucket s3://pod-lake: exists",
                    "lifecycle: not applied, the embedded S3 server has no lifecycle API (it answers 501); on AWS"
                            + " 'lake setup' moves 0001_raw/ to Glacier after 90 days");
            // Anywhere else a refused lifecycle call is an error, never a shrug.
            assertThatThrownBy(() -> LakeSetup.apply(lake, false, 90)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("HTTP 501");
        }
    }

    private static String golden() throws IOException {
        try (InputStream in = LakeSetupTest.class.getResourceAsStream("/s3/put-bucket-lifecycle.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
