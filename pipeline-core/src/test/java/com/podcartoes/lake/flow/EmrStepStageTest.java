package com.podcartoes.lake.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.podcartoes.lake.compute.EmrPrices;
import com.podcartoes.lake.compute.EmrRunner;
import com.podcartoes.lake.compute.EmrSettings;
import com.podcartoes.lake.compute.StepSpec;
import com.podcartoes.lake.compute.StepWatch;
import com.podcartoes.lake.run.Cancellation;
import com.podcartoes.lake.run.RunListener;
import com.podcartoes.lake.run.StageContext;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.StubEmr;
import com.podcartoes.lake.testing.TestLakes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;

/**
 * A Spark stage on EMR as the flow runs it, over real HTTP against a stub EMR endpoint: how a step's end that is not
 * the job's own (its cluster died, the watch lost sight of it) becomes the stage's.
 */
class EmrStepStageTest {
    private static final String CLUSTER = "j-2AXXXXXXGAPLF";
    private static final String STEP = "s-1TRUSTED";

    private final Path home = TestLakes.newLakeHome("emr-stage");
    private final StubEmr emr = new StubEmr();
    private LocalS3 s3;
    private S3Bucket lake;
    private SparkStepStage stage;

    @BeforeEach
    void start() throws Exception {
        s3 = new LocalS3(home);
        s3.start();
        lake = s3.bucket("pod-lake");
        EmrSettings settings = new EmrSettings("emr-spark-8.0.0", "m5.xlarge", "m5.2xlarge", 3,
                "EMR_DefaultRole_V2", "EMR_EC2_DefaultRole", "s3://pod-lake/0004_logs/", "", 3600,
                EmrPrices.parse(EmrPrices.DEFAULTS), "", Map.of(), "", 0, false);
        EmrRunner runner = new EmrRunner(emr.client(), lake, s3::bucket, settings,
                Files.writeString(home.resolve("spark-jobs.jar"), "jobs\n"), Clock.systemUTC())
                .withCancelTiming(new EmrRunner.CancelTiming(Duration.ofSeconds(5), Duration.ofMillis(10)));
        stage = new SparkStepStage("processing", runner, CLUSTER, new StepSpec("trusted",
                "com.podcartoes.lake.jobs.trusted.TrustedLayerJob", List.of("--run-id", "run-1")),
                new StepWatch.Backoff(Duration.ofMillis(5), 1, Duration.ofMillis(5)), run -> Optional.empty(), null,
                lake);
        emr.stub("AddJobFlowSteps", "{\"StepIds\": [\"" + STEP + "\"]}");
    }

    @AfterEach
    void stop() {
        s3.close();
        emr.close();
    }

    private static StageContext context() {
        return new StageContext("run-1", "trusted", null, RunListener.NONE, Duration.ZERO, (c, s) -> { },
                new Cancellation());
    }

    private static String step(String state) {
        return """
                {"Step": {"Id": "%s", "Name": "trusted", "Config": {"Jar": "command-runner.jar", "Args": []},
                  "Status": {"State": "%s", "StateChangeReason": {}}}}
                """.formatted(STEP, state);
    }

    @Test
    void aStepEndedByItsClusterSaysSoWithTheClustersReason() {
        emr.sequence("DescribeStep", step("PENDING"), step("RUNNING"), step("CANCELLED"));
        emr.stub("DescribeCluster", """
                {"Cluster": {"Id": "%s", "Name": "pod-lake processing run-1",
                  "Status": {"State": "TERMINATED_WITH_ERRORS", "StateChangeReason": {"Code": "INSTANCE_FAILURE",
                    "Message": "The primary node was terminated by user."},
                    "Timeline": {"CreationDateTime": 1764000000.0, "EndDateTime": 1764000900.0}}}}
                """.formatted(CLUSTER));
        emr.stub("ListInstanceGroups", "{\"InstanceGroups\": []}");

        assertThatThrownBy(() -> stage.execute(context())).isInstanceOf(IllegalStateException.class)
                .hasMessage("cluster " + CLUSTER + " TERMINATED_WITH_ERRORS under the step: The primary node was"
                        + " terminated by user. (step " + STEP + " on " + CLUSTER + "; logs: lake logs run-1 trusted"
                        + " --stream stderr)");
    }

    @Test
    void aStepTheUserCancelledOnALiveClusterIsACancellation() {
        emr.sequence("DescribeStep", step("PENDING"), step("RUNNING"), step("CANCELLED"));
        emr.stub("DescribeCluster", """
                {"Cluster": {"Id": "%s", "Name": "shared", "Status": {"State": "WAITING",
                  "Timeline": {"CreationDateTime": 1764000000.0}}}}
                """.formatted(CLUSTER));
        emr.stub("ListInstanceGroups", "{\"InstanceGroups\": []}");

        assertThatThrownBy(() -> stage.execute(context()))
                .isInstanceOf(com.podcartoes.lake.run.StageCancelledException.class)
                .hasMessageStartingWith("cancelled (step " + STEP);
    }

    @Test
    void whenTheWatchGivesUpTheStepIsStoppedAndAwaitedBeforeTheStageFails() {
        var server = emr.server();
        // Submitted (PENDING), seen RUNNING, then the API refuses a poll: the watch gives up on the step.
        server.stubFor(StubEmr.operation("DescribeStep").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("running").willReturn(StubEmr.json(200, step("PENDING"))));
        server.stubFor(StubEmr.operation("DescribeStep").inScenario("s").whenScenarioStateIs("running")
                .willSetStateTo("refused").willReturn(StubEmr.json(200, step("RUNNING"))));
        server.stubFor(StubEmr.operation("DescribeStep").inScenario("s").whenScenarioStateIs("refused")
                .willSetStateTo("still running").willReturn(StubEmr.json(400,
                        "{\"__type\": \"InvalidRequestException\", \"Message\": \"Step id is not valid.\"}")));
        server.stubFor(StubEmr.operation("DescribeStep").inScenario("s").whenScenarioStateIs("still running")
                .willReturn(StubEmr.json(200, step("RUNNING"))));
        server.stubFor(StubEmr.operation("CancelSteps", "SEND_INTERRUPT").inScenario("s")
                .whenScenarioStateIs("still running").willSetStateTo("cancelled")
                .willReturn(StubEmr.json(200, "{\"CancelStepsInfoList\": []}")));
        server.stubFor(StubEmr.operation("DescribeStep").inScenario("s").whenScenarioStateIs("cancelled")
                .willReturn(StubEmr.json(200, step("CANCELLED"))));

        assertThatThrownBy(() -> stage.execute(context())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Step id is not valid.");

        // Only once the step has ended may the flow retry: a second step never runs beside the first.
        assertThat(emr.calls()).extracting(StubEmr.Call::operation).containsExactly("AddJobFlowSteps",
                "DescribeStep", "DescribeStep", "DescribeStep", "DescribeStep", "CancelSteps", "DescribeStep");
        assertThat(emr.calls().get(5).body()).isEqualTo(StubEmr.golden("cancel-steps.json"));
    }
}
