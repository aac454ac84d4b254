package com.podcartoes.lake.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.StubEmr;
import com.podcartoes.lake.testing.TestLakes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrClient;
import tools.jackson.databind.JsonNode;

/**
 * The EMR runner over real HTTP against a stub EMR endpoint (WireMock, AWS JSON 1.1 protocol), with the request
 * bodies checked against golden files written from the EMR API reference, and the S3 side (jobs jar, step logs)
 * on the embedded S3 server.
 */
class EmrRunnerTest {
    private static final String CLUSTER = "j-2AXXXXXXGAPLF";
    private static final String STEP = "s-1TRUSTED";

    private final Path home = TestLakes.newLakeHome("emr");
    private final StubEmr emrEndpoint = new StubEmr();
    private LocalS3 s3;
    private S3Bucket lake;
    private EmrClient emr;
    private EmrRunner runner;
    private EmrSettings settings;

    @BeforeEach
    void start() throws Exception {
        s3 = new LocalS3(home);
        s3.start();
        lake = s3.bucket("pod-lake");
        emr = emrEndpoint.client();
        Path jar = Files.writeString(home.resolve("spark-jobs.jar"), "pod-lake spark jobs, test build\n");
        settings = new EmrSettings("emr-spark-8.0.0", "m5.xlarge", "m5.2xlarge", 3,
                "EMR_DefaultRole_V2", "EMR_EC2_DefaultRole", "s3://pod-lake/0004_logs/", "subnet-0a1b2c3d", 3600,
                EmrPrices.parse(EmrPrices.DEFAULTS), "", EmrSettings.parseTags("project=pod-lake,flow=processing"),
                "pod-lake-sse-kms", 30, false);
        runner = new EmrRunner(emr, lake, s3::bucket, settings, jar, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        s3.close();
        emrEndpoint.close();
    }

    private void stub(String operation, String responseBody) {
        emrEndpoint.stub(operation, responseBody);
    }

    private JsonNode requestBody(String operation) {
        return emrEndpoint.requestBody(operation);
    }

    private static String step(String state, String extra) {
        return """
                {"Step": {"Id": "%s", "Name": "trusted", "ActionOnFailure": "CONTINUE",
                  "Config": {"Jar": "command-runner.jar", "Args": ["spark-submit", "--deploy-mode", "client",
                     "--class", "com.podcartoes.lake.jobs.trusted.TrustedLayerJob", "s3://pod-lake/0005_scripts/x.jar",
                     "--lake", "s3://pod-lake", "--run-id", "run-1"]},
                  "Status": {"State": "%s", "StateChangeReason": {}%s,
                    "Timeline": {"CreationDateTime": 1764000000.0, "StartDateTime": 1764000060.0}}}}
                """.formatted(STEP, state, extra);
    }

    @Test
    void startsOneClusterForTheFlowAndRunsEachJobAsASparkSubmitStep() throws Exception {
        stub("RunJobFlow", "{\"JobFlowId\": \"" + CLUSTER + "\", \"ClusterArn\": \"arn:aws:elasticmapreduce:us-east-1:"
                + "123456789012:cluster/" + CLUSTER + "\"}");
        stub("AddJobFlowSteps", "{\"StepIds\": [\"" + STEP + "\"]}");
        stub("DescribeStep", step("PENDING", ""));

        String cluster = runner.acquireCluster("pod-lake processing run-1");
        StepInfo submitted = runner.addStep(cluster, new StepSpec("trusted",
                "com.podcartoes.lake.jobs.trusted.TrustedLayerJob",
                List.of("--lake", runner.lakeUri(), "--run-id", "run-1")));

        assertThat(cluster).isEqualTo(CLUSTER);
        assertThat(requestBody("RunJobFlow")).isEqualTo(StubEmr.golden("run-job-flow.json"));
        assertThat(requestBody("AddJobFlowSteps")).isEqualTo(StubEmr.golden("add-job-flow-steps.json"));
        assertThat(submitted.state()).isEqualTo(StepState.PENDING);
        assertThat(submitted.mainClass()).isEqualTo("com.podcartoes.lake.jobs.trusted.TrustedLayerJob");
        assertThat(submitted.args()).containsExactly("--lake", "s3://pod-lake", "--run-id", "run-1");
        // The jar went to 0005_scripts/ under its content hash, byte for byte.
        assertThat(new String(lake.getBytes("0005_scripts/spark-jobs-9e04a9f6631982c2.jar"), StandardCharsets.UTF_8))
                .isEqualTo("pod-lake spark jobs, test build\n");

        // The cluster this runner started is terminated when the flow releases it; a chosen one would not be.
        stub("TerminateJobFlows", "{}");
        runner.releaseCluster(cluster);
        runner.releaseCluster(cluster);
        assertThat(requestBody("TerminateJobFlows")).isEqualTo(StubEmr.golden("terminate-job-flows.json"));
    }

    @Test
    void aNetworkBlipWhileWaitingIsRetriedAndNeverFailsAStepThatRunsOn() {
        // RUNNING, then the connection resets on every try the SDK makes for one poll (and the next), then done.
        emrEndpoint.sequence("DescribeStep", step("RUNNING", ""), null, null, null, null, null, null,
                step("COMPLETED", ""));
        List<StepState> seen = new ArrayList<>();
        StepInfo ended = StepWatch.await(runner, CLUSTER, STEP,
                new StepWatch.Backoff(Duration.ofMillis(5), 2, Duration.ofMillis(20)), s -> seen.add(s.state()));

        assertThat(ended.state()).isEqualTo(StepState.COMPLETED);
        assertThat(seen).containsExactly(StepState.RUNNING, StepState.COMPLETED);
        assertThat(emrEndpoint.requestCount()).isEqualTo(8);
    }

    @Test
    void withAKmsKeyTheJobsWriteUnderItToo() throws Exception {
        stub("AddJobFlowSteps", "{\"StepIds\": [\"" + STEP + "\"]}");
        stub("DescribeStep", step("PENDING", ""));
        runner.addStep(CLUSTER, new StepSpec("trusted", "com.podcartoes.lake.jobs.trusted.TrustedLayerJob",
                List.of())); // uploads the jar; the runner below finds it there
        emrEndpoint.resetRequests();
        EmrRunner encrypted = new EmrRunner(emr, lake.withKmsKey("alias/pod-lake"), s3::bucket, settings,
                home.resolve("spark-jobs.jar"), Clock.systemUTC());

        encrypted.addStep(CLUSTER, new StepSpec("trusted", "com.podcartoes.lake.jobs.trusted.TrustedLayerJob",
                List.of("--lake", "s3://pod-lake", "--run-id", "run-1")));

        assertThat(requestBody("AddJobFlowSteps")).isEqualTo(StubEmr.golden("add-job-flow-steps-kms.json"));
    }

    @Test
    void followsAStepFromPendingThroughRunningToCompleted() {
        emrEndpoint.sequence("DescribeStep", step("PENDING", ""), step("RUNNING", ""), step("COMPLETED", ""));
        List<StepState> seen = new ArrayList<>();
        StepInfo ended = StepWatch.await(runner, CLUSTER, STEP,
                new StepWatch.Backoff(Duration.ofMillis(5), 2, Duration.ofMillis(20)), s -> seen.add(s.state()));

        assertThat(seen).containsExactly(StepState.PENDING, StepState.RUNNING, StepState.COMPLETED);
        assertThat(ended.state()).isEqualTo(StepState.COMPLETED);
        assertThat(ended.startedAt()).isEqualTo(java.time.Instant.ofEpochSecond(1764000060));
    }

    @Test
    void listsAClustersStepsNewestFirstWithTheirJobsAndArguments() {
        stub("ListSteps", """
                {"Steps": [
                  {"Id": "s-2BOOK", "Name": "book", "Config": {"Jar": "command-runner.jar", "Args": ["spark-submit",
                     "--deploy-mode", "client", "--class", "com.podcartoes.lake.jobs.book.BookLayerJob",
                     "s3://pod-lake/0005_scripts/x.jar", "--lake", "s3://pod-lake", "--ref", "202402"]},
                   "Status": {"State": "RUNNING", "StateChangeReason": {},
                     "Timeline": {"CreationDateTime": 1764000100.0, "StartDateTime": 1764000160.0}}},
                  {"Id": "s-1TRUSTED", "Name": "trusted", "Config": {"Jar": "command-runner.jar", "Args": []},
                   "Status": {"State": "COMPLETED", "StateChangeReason": {},
                     "Timeline": {"CreationDateTime": 1764000000.0, "EndDateTime": 1764000090.0}}}]}
                """);

        List<StepInfo> steps = runner.steps(CLUSTER);

        assertThat(requestBody("ListSteps").path("ClusterId").asText()).isEqualTo(CLUSTER);
        assertThat(steps).extracting(StepInfo::id).containsExactly("s-2BOOK", "s-1TRUSTED");
        assertThat(steps.get(0).state()).isEqualTo(StepState.RUNNING);
        assertThat(steps.get(0).mainClass()).isEqualTo("com.podcartoes.lake.jobs.book.BookLayerJob");
        assertThat(steps.get(0).args()).containsExactly("--lake", "s3://pod-lake", "--ref", "202402");
        assertThat(steps.get(1).state()).isEqualTo(StepState.COMPLETED);
        assertThat(steps.get(1).endedAt()).isEqualTo(java.time.Instant.ofEpochSecond(1764000090));
    }

    @Test
    void aFailedStepCarriesEmrsFailureDetails() {
        stub("DescribeStep", step("FAILED", """
                , "FailureDetails": {"Reason": "Unknown Error.",
                   "Message": "Exception in thread main: java.lang.IllegalStateException: no invoices in s3://pod-lake/0002_trusted/tb_0001_fatura/",
                   "LogFile": "s3://pod-lake/0004_logs/j-2AXXXXXXGAPLF/steps/s-1TRUSTED/stderr.gz"}
                """));

        StepInfo failed = runner.step(CLUSTER, STEP);

        assertThat(failed.state()).isEqualTo(StepState.FAILED);
        assertThat(failed.failureReason()).isEqualTo("Unknown Error.");
        assertThat(failed.failureMessage()).contains("no invoices in s3://pod-lake/0002_trusted/tb_0001_fatura/");
        assertThat(failed.failureLogFile()).isEqualTo("s3://pod-lake/0004_logs/" + CLUSTER + "/steps/" + STEP
                + "/stderr.gz");
    }

    @Test
    void throttlingIsRetriedBeforeAnyoneSeesIt() {
        emrEndpoint.server().stubFor(StubEmr.operation("ListClusters")
                .inScenario("throttled").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm")
                .willReturn(StubEmr.json(400, "{\"__type\": \"ThrottlingException\", \"message\": \"Rate exceeded\"}")
                        .withHeader("x-amzn-ErrorType", "ThrottlingException")));
        emrEndpoint.server().stubFor(StubEmr.operation("ListClusters")
                .inScenario("throttled").whenScenarioStateIs("calm")
                .willReturn(StubEmr.json(200, """
                        {"Clusters": [{"Id": "j-2AXXXXXXGAPLF", "Name": "pod-lake processing run-1",
                          "Status": {"State": "TERMINATED", "StateChangeReason": {"Code": "ALL_STEPS_COMPLETED",
                             "Message": "Steps completed"},
                            "Timeline": {"CreationDateTime": 1764000000.0, "ReadyDateTime": 1764000420.0,
                                         "EndDateTime": 1764003000.0}},
                          "NormalizedInstanceHours": 32}]}
                        """)));
        stub("ListInstanceGroups", """
                {"InstanceGroups": [
                  {"Id": "ig-1", "InstanceGroupType": "MASTER", "InstanceType": "m5.xlarge",
                   "RequestedInstanceCount": 1, "RunningInstanceCount": 0},
                  {"Id": "ig-2", "InstanceGroupType": "CORE", "InstanceType": "m5.2xlarge",
                   "RequestedInstanceCount": 3, "RunningInstanceCount": 0}]}
                """);

        List<ClusterInfo> clusters = runner.clusters();

        assertThat(emrEndpoint.requestCount()).isEqualTo(3);
        assertThat(requestBody("ListInstanceGroups").toString()).isEqualTo("{\"ClusterId\":\"j-2AXXXXXXGAPLF\"}");
        assertThat(clusters).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(ClusterState.TERMINATED);
            assertThat(c.normalizedInstanceHours()).isEqualTo(32);
            // 3,000 s up: 1 x m5.xlarge at 0.240/h + 3 x m5.2xlarge at 0.480/h (32 x a flat 0.27 read 8.64).
            assertThat(c.estimatedCostUsd()).isCloseTo((0.240 + 3 * 0.480) * 3000 / 3600, within(1e-9));
            assertThat(c.stateReason()).isEqualTo("Steps completed");
            assertThat(c.readyAt()).isEqualTo(java.time.Instant.ofEpochSecond(1764000420));
        });
    }

    @Test
    void cancelInterruptsTheDriverAndWaitsForTheStepToEnd() {
        String cancelled = "{\"CancelStepsInfoList\": [{\"StepId\": \"" + STEP + "\", \"Status\": \"SUBMITTED\"}]}";
        var server = emrEndpoint.server();
        server.stubFor(StubEmr.operation("DescribeStep").inScenario("cancel").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(StubEmr.json(200, step("RUNNING", ""))));
        server.stubFor(StubEmr.operation("CancelSteps", "SEND_INTERRUPT").inScenario("cancel")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("interrupted")
                .willReturn(StubEmr.json(200, cancelled)));
        // The driver's shutdown hook takes a moment: one more RUNNING, then the step ends.
        emrEndpoint.server().stubFor(StubEmr.operation("DescribeStep").inScenario("cancel")
                .whenScenarioStateIs("interrupted").willSetStateTo("stopped")
                .willReturn(StubEmr.json(200, step("RUNNING", ""))));
        server.stubFor(StubEmr.operation("DescribeStep").inScenario("cancel").whenScenarioStateIs("stopped")
                .willReturn(StubEmr.json(200, step("CANCELLED", ""))));

        runner.withCancelTiming(new EmrRunner.CancelTiming(Duration.ofSeconds(5), Duration.ofMillis(10)))
                .cancelStep(CLUSTER, STEP);

        assertThat(emrEndpoint.calls()).extracting(StubEmr.Call::operation)
                .containsExactly("DescribeStep", "CancelSteps", "DescribeStep", "DescribeStep");
        assertThat(requestBody("CancelSteps")).isEqualTo(StubEmr.golden("cancel-steps.json"));
    }

    @Test
    void aDriverThatIgnoresTheInterruptIsKilledThenAwaited() {
        String cancelled = "{\"CancelStepsInfoList\": [{\"StepId\": \"" + STEP + "\", \"Status\": \"SUBMITTED\"}]}";
        var server = emrEndpoint.server();
        for (String state : List.of(Scenario.STARTED, "interrupted")) {
            server.stubFor(StubEmr.operation("DescribeStep").inScenario("cancel").whenScenarioStateIs(state)
                    .willReturn(StubEmr.json(200, step("RUNNING", ""))));
        }
        server.stubFor(StubEmr.operation("CancelSteps", "SEND_INTERRUPT").inScenario("cancel")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("interrupted")
                .willReturn(StubEmr.json(200, cancelled)));
        server.stubFor(StubEmr.operation("CancelSteps", "TERMINATE_PROCESS").inScenario("cancel")
                .whenScenarioStateIs("interrupted").willSetStateTo("killed")
                .willReturn(StubEmr.json(200, cancelled)));
        server.stubFor(StubEmr.operation("DescribeStep").inScenario("cancel").whenScenarioStateIs("killed")
                .willReturn(StubEmr.json(200, step("CANCELLED", ""))));

        runner.withCancelTiming(new EmrRunner.CancelTiming(Duration.ofMillis(300), Duration.ofMillis(50)))
                .cancelStep(CLUSTER, STEP);

        List<StubEmr.Call> calls = emrEndpoint.calls();
        List<String> cancels = calls.stream().filter(c -> c.operation().equals("CancelSteps")).map(c -> c.body()
                .toString()).toList();
        assertThat(cancels).containsExactly(StubEmr.golden("cancel-steps.json").toString(),
                StubEmr.golden("cancel-steps-kill.json").toString());
        // Interrupt, watch for the grace period, look once more, kill, see it end: nothing after that.
        assertThat(calls.get(0).operation()).isEqualTo("DescribeStep");
        assertThat(calls.get(1).operation()).isEqualTo("CancelSteps");
        int kill = calls.indexOf(calls.stream().filter(c -> c.body().toString().contains("TERMINATE_PROCESS"))
                .findFirst().orElseThrow());
        assertThat(calls.subList(2, kill)).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(c -> assertThat(c.operation()).isEqualTo("DescribeStep"));
        assertThat(calls.subList(kill + 1, calls.size())).extracting(StubEmr.Call::operation)
                .containsExactly("DescribeStep");
    }

    @Test
    void aStepThatOutlivesTheKillIsSaidSoWithWhatToDo() {
        stub("DescribeStep", step("RUNNING", ""));
        stub("CancelSteps", "{\"CancelStepsInfoList\": []}");

        assertThatThrownBy(() -> runner.withCancelTiming(new EmrRunner.CancelTiming(Duration.ofMillis(100),
                Duration.ofMillis(20))).cancelStep(CLUSTER, STEP))
                .hasMessage("step " + STEP + " on " + CLUSTER + " still runs after an interrupt and a kill, 100 ms"
                        + " each; terminate the cluster (lake clusters) if it must stop now");
    }

    @Test
    void readsStepLogsWhereEmrCopiesThemAndSaysWhenTheyAreNotThereYet() throws Exception {
        assertThat(runner.log(CLUSTER, STEP, LogStream.STDERR)).isEmpty();

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("FAILED: no invoices\n".getBytes(StandardCharsets.UTF_8));
        }
        lake.putBytes("0004_logs/" + CLUSTER + "/steps/" + STEP + "/stderr.gz", gz.toByteArray(),
                "application/gzip");

        assertThat(runner.log(CLUSTER, STEP, LogStream.STDERR)).contains("FAILED: no invoices\n");
        assertThat(runner.log(CLUSTER, STEP, LogStream.STDOUT)).isEmpty();
    }

    private void putGzip(String key, String text) throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        lake.putBytes(key, gz.toByteArray(), "application/gzip");
    }

    @Test
    void readsTheStepsYarnContainerLogsFoundThroughTheApplicationItSubmitted() throws Exception {
        assertThat(runner.log(CLUSTER, STEP, LogStream.CONTAINERS)).isEmpty();
        String app = "application_1764000000000_0007";
        putGzip("0004_logs/" + CLUSTER + "/steps/" + STEP + "/stderr.gz",
                "INFO Client: Submitted application " + app + "\nINFO Client: Application report for " + app
                        + " (state: RUNNING)\n");
        String containers = "0004_logs/" + CLUSTER + "/containers/";
        putGzip(containers + app + "/container_1764000000000_0007_01_000002/stderr.gz", "executor 1: lost task\n");
        putGzip(containers + app + "/container_1764000000000_0007_01_000001/stderr.gz", "AM: registered\n");
        putGzip(containers + app + "/container_1764000000000_0007_01_000001/stdout.gz", "not this stream\n");
        putGzip(containers + "application_1764000000000_0006/container_1764000000000_0006_01_000001/stderr.gz",
                "another step's application\n");

        assertThat(runner.log(CLUSTER, STEP, LogStream.CONTAINERS)).contains("""
                ==> container_1764000000000_0007_01_000001/stderr <==
                AM: registered

                ==> container_1764000000000_0007_01_000002/stderr <==
                executor 1: lost task

                """);
    }
}
