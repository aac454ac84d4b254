package com.podcartoes.lake.doctor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.podcartoes.lake.config.ConfigLoader;
import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.doctor.Preflight.Check;
import com.podcartoes.lake.doctor.Preflight.Status;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Clients;
import com.podcartoes.lake.s3.S3Location;
import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.StubEmr;
import com.podcartoes.lake.testing.TestLakes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The preflight over real HTTP: STS, IAM and EMR answered by a stub endpoint (WireMock), the buckets by the
 * embedded S3 server, and a bucket in another region by a stub S3 endpoint answering as S3 does.
 */
class PreflightTest {
    private static final String ME = "arn:aws:sts::123456789012:assumed-role/DataEngineer/ana";
    private final java.nio.file.Path home = TestLakes.newLakeHome("doctor");
    private final StubEmr aws = new StubEmr();
    private LocalS3 s3;
    private StsClient sts;
    private IamClient iam;
    private LakeConfig config;

    @BeforeEach
    void start() {
        s3 = new LocalS3(home);
        s3.start();
        s3.bucket("pod-source").createIfMissing();
        s3.bucket("pod-source").putBytes("ingestion/tb_faturas/x.csv", "a\n".getBytes(StandardCharsets.UTF_8),
                "text/csv");
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        URI endpoint = URI.create(aws.server().baseUrl());
        sts = StsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials).endpointOverride(endpoint)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
        iam = IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClientBuilder(ApacheHttpClient.builder()).build();
        config = new ConfigLoader(Map.of("LAKE_HOME", home.toString(), "LAKE_SOURCE_BUCKET", "pod-source",
                "LAKE_LAKE_BUCKET", "pod-lake", "LAKE_COMPUTE_BACKEND", "emr",
                "LAKE_EMR_SERVICE_ROLE", "EMR_DefaultRole_V2")).load("aws", null);
    }

    @AfterEach
    void stop() {
        sts.close();
        iam.close();
        aws.close();
        s3.close();
    }

    private void query(String action, int status, String body) {
        aws.server().stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=" + action))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body)));
    }

    private Preflight.Report run(S3Bucket source, S3Bucket lake) {
        return new Preflight(new Preflight.Services(config, source, lake, false, Optional.of(sts), Optional.of(iam),
                Optional.of(aws.client()), () -> "s3://pod-lake/0005_scripts/spark-jobs-0123456789abcdef.jar"),
                Clock.systemUTC()).run();
    }

    @Test
    void everyCheckOnALakeThatWorksSaysWhatItFound() {
        query("GetCallerIdentity", 200, """
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
                <Arn>%s</Arn><UserId>AROA:ana</UserId><Account>123456789012</Account>
                </GetCallerIdentityResult></GetCallerIdentityResponse>""".formatted(ME));
        query("GetRole", 200, """
                <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role><Path>/</Path>
                <RoleName>EMR_DefaultRole_V2</RoleName><RoleId>AROA1</RoleId>
                <Arn>arn:aws:iam::123456789012:role/EMR_DefaultRole_V2</Arn>
                <CreateDate>2026-01-01T00:00:00Z</CreateDate></Role></GetRoleResult></GetRoleResponse>""");
        query("GetInstanceProfile", 404, """
                <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>
                <Code>NoSuchEntity</Code><Message>Instance Profile EMR_EC2_DefaultRole cannot be found.</Message>
                </Error><RequestId>r-1</RequestId></ErrorResponse>""");
        aws.stub("ListClusters", "{\"Clusters\": [{\"Id\": \"j-1\", \"Name\": \"x\", \"Status\": {\"State\":"
                + " \"WAITING\"}}]}");

        List<Check> checks = run(s3.bucket("pod-source"), s3.bucket("pod-lake")).checks();

        assertThat(checks).extracting(Check::name).containsExactly("identity", "source bucket", "lake bucket",
                "EMR", "service role", "instance profile", "jobs jar");
        assertThat(checks.get(0)).isEqualTo(new Check("identity", Status.OK, ME + " (account 123456789012)", null));
        assertThat(checks.get(1).detail()).isEqualTo("s3://pod-source/ingestion/ lists (1 entries), region"
                + " us-east-1");
        assertThat(checks.get(2).status()).isEqualTo(Status.OK);
        // The probe is gone again.
        assertThat(s3.bucket("pod-lake").list("0000_control/doctor/", true)).isEmpty();
        assertThat(checks.get(3).detail()).isEqualTo("the EMR API answers (1 clusters in the last day)");
        assertThat(checks.get(4).detail()).isEqualTo("arn:aws:iam::123456789012:role/EMR_DefaultRole_V2");
        assertThat(checks.get(5)).isEqualTo(new Check("instance profile", Status.FAIL,
                "does not exist: Instance Profile EMR_EC2_DefaultRole cannot be found.",
                "create it (aws emr create-default-roles) or set emr.jobFlowRole"));
        assertThat(checks.get(6).detail()).isEqualTo("s3://pod-lake/0005_scripts/spark-jobs-0123456789abcdef.jar");
    }

    @Test
    void refusedCredentialsAMissingLakeAndAnEmrDenialEachGetTheirFix() {
        query("GetCallerIdentity", 403, """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>
                <Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message>
                </Error><RequestId>r-2</RequestId></ErrorResponse>""");
        query("GetRole", 403, """
                <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>
                <Code>AccessDenied</Code><Message>not authorized to perform: iam:GetRole</Message></Error>
                </ErrorResponse>""");
        query("GetInstanceProfile", 403, """
                <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>
                <Code>AccessDenied</Code><Message>not authorized to perform: iam:GetInstanceProfile</Message>
                </Error></ErrorResponse>""");
        aws.server().stubFor(StubEmr.operation("ListClusters").willReturn(StubEmr.json(400, "{\"__type\":"
                + " \"AccessDeniedException\", \"Message\": \"User: " + ME + " is not authorized to perform:"
                + " elasticmapreduce:ListClusters\"}")));

        Preflight.Report report = run(s3.bucket("pod-source"), s3.uncreatedBucket("no-such-lake", s3.secretKey()));

        assertThat(report.passed()).isFalse();
        Map<String, Check> byName = new java.util.HashMap<>();
        report.checks().forEach(c -> byName.put(c.name(), c));
        assertThat(byName.get("identity").status()).isEqualTo(Status.FAIL);
        assertThat(byName.get("identity").detail()).contains("The security token included in the request is"
                + " expired");
        assertThat(byName.get("identity").fix()).startsWith("log in (aws sso login --profile NAME)");
        assertThat(byName.get("lake bucket").detail()).contains("bucket 'no-such-lake' does not exist");
        assertThat(byName.get("lake bucket").fix()).isEqualTo("create it (lake setup), or grant what"
                + " 'lake iam-policy' prints to this identity");
        assertThat(byName.get("EMR").fix()).isEqualTo("grant what 'lake iam-policy' prints to this identity");
        assertThat(byName.get("EMR").detail()).contains("not authorized to perform: elasticmapreduce:ListClusters");
        // IAM that cannot be read does not fail the preflight: data engineers often may not.
        assertThat(byName.get("service role").status()).isEqualTo(Status.SKIPPED);
        assertThat(byName.get("instance profile").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aSourceBucketInAnotherRegionIsNamedWithTheSettingToChange() {
        WireMockServer elsewhere = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        elsewhere.start();
        try (S3Client client = S3Clients.create(new S3Location("pod-source", "us-east-1",
                Optional.of(URI.create(elsewhere.baseUrl())), Optional.empty()), S3Clients.staticCredentials("t", "t"))) {
            elsewhere.stubFor(any(urlMatching("/pod-source.*")).willReturn(aResponse().withStatus(301)
                    .withHeader("x-amz-bucket-region", "sa-east-1").withHeader("Content-Type", "application/xml")
                    .withBody("<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access"
                            + " must be addressed using the specified endpoint.</Message></Error>")));
            query("GetCallerIdentity", 200, "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>" + ME
                    + "</Arn><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>");

            Check source = run(new S3Bucket(client, "pod-source"), s3.bucket("pod-lake")).checks().get(1);

            assertThat(source.status()).isEqualTo(Status.FAIL);
            assertThat(source.fix()).isEqualTo("the bucket is in sa-east-1: set source.region=sa-east-1");
        } finally {
            elsewhere.stop();
        }
    }
}
