package com.podcartoes.lake.compute;

import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.AutoTerminationPolicy;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterStatus;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.FailureDetails;
import software.amazon.awssdk.services.emr.model.HadoopJarStepConfig;
import software.amazon.awssdk.services.emr.model.HadoopStepConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.MarketType;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepCancellationOption;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepStatus;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * Runs the Spark jobs on Amazon EMR through the AWS SDK: one cluster per flow run (or a running cluster chosen by
 * id), {@code RunJobFlow} with the configured release, instance groups, roles, log URI, subnet, tags and an
 * auto-termination idle timeout; each job a {@code spark-submit} step through {@code command-runner.jar}; the jobs
 * jar uploaded to {@code 0005_scripts/} under its content hash, so only a changed jar is uploaded. Step logs are
 * read where EMR copies them ({@code <log uri>/<cluster>/steps/<step>/}), which happens minutes after a step ends.
 */
public final class EmrRunner implements SparkRunner {
    /** How far back {@code lake clusters} looks: the recent flows' clusters, not the account's whole history. */
    static final Duration CLUSTER_LIST_WINDOW = Duration.ofDays(14);

    private final EmrClient emr;
    private final S3Bucket lake;
    private final Function<String, S3Bucket> buckets;
    private final EmrSettings settings;
    private final Path jobsJar;
    private final Clock clock;
    private final Set<String> startedHere = ConcurrentHashMap.newKeySet();
    private volatile String jobsJarUri;

    /**
     * @param buckets the bucket of a name (the log URI's bucket may not be the lake's)
     * @param jobsJar the spark-jobs jar to run (uploaded when its content is not in 0005_scripts/ yet)
     */
    public EmrRunner(EmrClient emr, S3Bucket lake, Function<String, S3Bucket> buckets, EmrSettings settings,
                     Path jobsJar, Clock clock) {
        this.emr = emr;
        this.lake = lake;
        this.buckets = buckets;
        this.settings = settings;
        this.jobsJar = jobsJar;
        this.clock = clock;
    }

    @Override
    public String backend() {
        return "emr";
    }

    @Override
    public String lakeUri() {
        return "s3://" + lake.name();
    }

    @Override
    public String acquireCluster(String name) {
        if (!settings.clusterId().isEmpty()) {
            ClusterInfo chosen = cluster(settings.clusterId());
            if (!chosen.state().isActive()) {
                throw new IllegalStateException("EMR cluster " + chosen.id() + " (emr.clusterId) is "
                        + chosen.state() + (chosen.stateReason() == null ? "" : ": " + chosen.stateReason()));
            }
            return chosen.id();
        }
        jobsJarUri(); // before paying for a cluster: a jar that cannot be uploaded fails the flow now
        String id = emr.runJobFlow(r -> {
            r.name(name)
                    .releaseLabel(settings.releaseLabel())
                    .logUri(settings.logUri())
                    .applications(Application.builder().name("Spark").build())
                    // The lake's tables are Apache Iceberg: EMR puts its Iceberg runtime on Spark's class path.
                    .configurations(software.amazon.awssdk.services.emr.model.Configuration.builder()
                            .classification("iceberg-defaults").properties(Map.of("iceberg.enabled", "true")).build())
                    .instances(instances())
                    .serviceRole(settings.serviceRole())
                    .jobFlowRole(settings.jobFlowRole())
                    .visibleToAllUsers(settings.visibleToAllUsers())
                    // One step at a time: the Trusted step runs both subjects itself, and a retry must never run
                    // beside the attempt it replaces.
                    .stepConcurrencyLevel(1)
                    .autoTerminationPolicy(AutoTerminationPolicy.builder()
                            .idleTimeout(settings.idleTimeoutSeconds()).build())
                    .tags(tags());
            if (!settings.securityConfiguration().isEmpty()) {
                r.securityConfiguration(settings.securityConfiguration());
            }
            if (settings.ebsRootVolumeSizeGb() > 0) {
                r.ebsRootVolumeSize(settings.ebsRootVolumeSizeGb());
            }
        }).jobFlowId();
        startedHere.add(id);
        return id;
    }

    private JobFlowInstancesConfig instances() {
        JobFlowInstancesConfig.Builder instances = JobFlowInstancesConfig.builder()
                .instanceGroups(
                        InstanceGroupConfig.builder().name("Primary").instanceRole(InstanceRoleType.MASTER)
                                .market(MarketType.ON_DEMAND).instanceType(settings.masterInstanceType())
                                .instanceCount(1).build(),
                        InstanceGroupConfig.builder().name("Core").instanceRole(InstanceRoleType.CORE)
                                .market(MarketType.ON_DEMAND).instanceType(settings.coreInstanceType())
                                .instanceCount(settings.coreInstanceCount()).build())
                // Alive between the flow's steps; the flow terminates it, the idle timeout if the flow cannot.
                .keepJobFlowAliveWhenNoSteps(true);
        if (!settings.subnetId().isEmpty()) {
            instances.ec2SubnetId(settings.subnetId());
        }
        return instances.build();
    }

    private List<Tag> tags() {
        List<Tag> tags = new ArrayList<>();
        new TreeMap<>(settings.tags()).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return tags;
    }

    @Override
    public void releaseCluster(String clusterId) {
        if (startedHere.remove(clusterId)) {
            terminateCluster(clusterId);
        }
    }

    @Override
    public List<ClusterInfo> clusters() {
        List<ClusterInfo> clusters = new ArrayList<>();
        for (ClusterSummary summary : emr.listClustersPaginator(r -> r.createdAfter(clock.instant()
                .minus(CLUSTER_LIST_WINDOW))).clusters()) {
            clusters.add(toInfo(summary.id(), summary.name(), summary.status(),
                    summary.normalizedInstanceHours()));
        }
        return clusters;
    }

    @Override
    public ClusterInfo cluster(String clusterId) {
        Cluster cluster = emr.describeCluster(r -> r.clusterId(clusterId)).cluster();
        return toInfo(cluster.id(), cluster.name(), cluster.status(), cluster.normalizedInstanceHours());
    }

    private ClusterInfo toInfo(String id, String name, ClusterStatus status, Integer hours) {
        int normalized = hours == null ? 0 : hours;
        String reason = status.stateChangeReason() == null ? null : status.stateChangeReason().message();
        Instant created = status.timeline() == null ? null : status.timeline().creationDateTime();
        Instant ended = status.timeline() == null ? null : status.timeline().endDateTime();
        return new ClusterInfo(id, name, ClusterState.valueOf(status.stateAsString()), created,
                status.timeline() == null ? null : status.timeline().readyDateTime(), ended,
                normalized, cost(id, created, ended), reason);
    }

    /**
     * Per instance group: instances x hours from the cluster's creation (EC2 bills from launch) to its end, or now
     * while it runs, x the type's price. A type without a price counts as NaN: unknown, never silently 0.
     */
    private double cost(String clusterId, Instant created, Instant ended) {
        if (created == null) {
            return 0;
        }
        double hours = Duration.between(created, ended != null ? ended : clock.instant()).toMillis() / 3_600_000.0;
        double total = 0;
        for (InstanceGroup group : emr.listInstanceGroupsPaginator(r -> r.clusterId(clusterId)).instanceGroups()) {
            int instances = Math.max(group.runningInstanceCount() == null ? 0 : group.runningInstanceCount(),
                    group.requestedInstanceCount() == null ? 0 : group.requestedInstanceCount());
            total += instances * hours * settings.prices().perHour(group.instanceType()).orElse(Double.NaN);
        }
        return total;
    }

    @Override
    public StepInfo addStep(String clusterId, StepSpec spec) {
        // Client deploy mode: the driver is the step's own process on the primary node, so cancelling the step
        // stops the application (in cluster mode CancelSteps stops spark-submit and the driver runs on in YARN), and
        // the driver's output is the step's log. One YARN attempt: a job that failed on its data fails the same way
        // again, and the flow decides retries.
        List<String> args = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "client",
                "--conf", "spark.yarn.maxAppAttempts=1"));
        lake.kmsKeyId().ifPresent(key -> args.addAll(List.of(
                // The jobs' writes under the same key: EMRFS (s3://) and S3A (s3a://).
                "--conf", "spark.hadoop.fs.s3.enableServerSideEncryption=true",
                "--conf", "spark.hadoop.fs.s3.serverSideEncryption.kms.keyId=" + key,
                "--conf", "spark.hadoop.fs.s3a.encryption.algorithm=SSE-KMS",
                "--conf", "spark.hadoop.fs.s3a.encryption.key=" + key)));
        args.addAll(List.of("--class", spec.mainClass(), jobsJarUri()));
        args.addAll(spec.args());
        String stepId = emr.addJobFlowSteps(r -> r.jobFlowId(clusterId).steps(StepConfig.builder()
                .name(spec.name())
                .actionOnFailure(ActionOnFailure.CONTINUE) // the flow decides: retry, or stop what depends on it
                .hadoopJarStep(HadoopJarStepConfig.builder().jar("command-runner.jar").args(args).build())
                .build())).stepIds().get(0);
        return step(clusterId, stepId);
    }

    @Override
    public StepInfo step(String clusterId, String stepId) {
        Step step = emr.describeStep(r -> r.clusterId(clusterId).stepId(stepId)).step();
        return toInfo(clusterId, step.id(), step.name(), step.config(), step.status());
    }

    @Override
    public List<StepInfo> steps(String clusterId) {
        List<StepInfo> steps = new ArrayList<>();
        for (StepSummary summary : emr.listStepsPaginator(r -> r.clusterId(clusterId)).steps()) {
            steps.add(toInfo(clusterId, summary.id(), summary.name(), summary.config(), summary.status()));
        }
        return steps;
    }

    private static StepInfo toInfo(String clusterId, String id, String name, HadoopStepConfig config,
                                   StepStatus status) {
        List<String> args = config == null ? List.of() : config.args();
        int classAt = args.indexOf("--class");
        String mainClass = classAt >= 0 && classAt + 1 < args.size() ? args.get(classAt + 1) : null;
        // The job's own arguments follow the jar, which follows the class.
        List<String> jobArgs = classAt >= 0 && classAt + 3 <= args.size() ? args.subList(classAt + 3, args.size())
                : args;
        FailureDetails failure = status.failureDetails();
        var timeline = status.timeline();
        return new StepInfo(id, clusterId, name, mainClass, jobArgs, StepState.valueOf(status.stateAsString()),
                timeline == null ? null : timeline.creationDateTime(),
                timeline == null ? null : timeline.startDateTime(),
                timeline == null ? null : timeline.endDateTime(),
                failure == null ? null : failure.reason(), failure == null ? null : failure.message(),
                failure == null ? null : failure.logFile());
    }

    /**
     * Stops a step and waits for it to end: {@code SEND_INTERRUPT} first (SIGTERM to the driver, whose shutdown hook
     * stops the Spark application and its YARN containers), then, if the step still runs after the grace period,
     * {@code TERMINATE_PROCESS} (SIGKILL; YARN ends the application once its driver is gone).
     *
     * @throws IllegalStateException when the step outlived both
     */
    @Override
    public void cancelStep(String clusterId, String stepId) {
        for (StepCancellationOption option : List.of(StepCancellationOption.SEND_INTERRUPT,
                StepCancellationOption.TERMINATE_PROCESS)) {
            if (step(clusterId, stepId).state().isFinal()) {
                return;
            }
            emr.cancelSteps(r -> r.clusterId(clusterId).stepIds(stepId).stepCancellationOption(option));
            if (waitForEnd(clusterId, stepId)) {
                return;
            }
        }
        Duration grace = cancelTiming.grace();
        throw new IllegalStateException("step " + stepId + " on " + clusterId + " still runs after an interrupt and"
                + " a kill, " + (grace.toSeconds() > 0 ? grace.toSeconds() + " s" : grace.toMillis() + " ms")
                + " each; terminate the cluster (lake clusters) if it must stop now");
    }

    private boolean waitForEnd(String clusterId, String stepId) {
        long deadline = System.nanoTime() + cancelTiming.grace().toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(cancelTiming.poll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (step(clusterId, stepId).state().isFinal()) {
                return true;
            }
        }
        return false;
    }

    /** How long a cancelled step may take to end before the next, harder cancel, and how often to look. */
    public record CancelTiming(Duration grace, Duration poll) {
        public static final CancelTiming EMR = new CancelTiming(Duration.ofSeconds(90), Duration.ofSeconds(5));
    }

    private volatile CancelTiming cancelTiming = CancelTiming.EMR;

    /** A faster (tests) or more patient cancel than {@link CancelTiming#EMR}. */
    public EmrRunner withCancelTiming(CancelTiming timing) {
        this.cancelTiming = timing;
        return this;
    }

    @Override
    public void terminateCluster(String clusterId) {
        emr.terminateJobFlows(r -> r.jobFlowIds(clusterId));
    }

    @Override
    public Optional<String> log(String clusterId, String stepId, LogStream stream) {
        S3Uri base = S3Uri.parse(settings.logUri().endsWith("/") ? settings.logUri() : settings.logUri() + "/");
        S3Bucket bucket = buckets.apply(base.bucket());
        if (stream == LogStream.CONTAINERS) {
            return containerLogs(bucket, base.key() + clusterId + "/", stepId);
        }
        String key = base.key() + clusterId + "/steps/" + stepId + "/" + stream.fileName();
        return bucket.head(key).isEmpty() ? Optional.empty() : Optional.of(gunzip(bucket, key));
    }

    private static final java.util.regex.Pattern APPLICATION = java.util.regex.Pattern.compile(
            "application_\\d+_\\d+");

    /**
     * The stderr of each YARN container of the step's application, each under a header naming it. The
     * application is the one spark-submit names in the step's stderr ("Submitted application ...").
     */
    private static Optional<String> containerLogs(S3Bucket bucket, String clusterPrefix, String stepId) {
        String stepErr = clusterPrefix + "steps/" + stepId + "/" + LogStream.STDERR.fileName();
        if (bucket.head(stepErr).isEmpty()) {
            return Optional.empty();
        }
        java.util.regex.Matcher application = APPLICATION.matcher(gunzip(bucket, stepErr));
        if (!application.find()) {
            return Optional.empty();
        }
        String prefix = clusterPrefix + "containers/" + application.group() + "/";
        StringBuilder logs = new StringBuilder();
        bucket.list(prefix, true).stream().map(com.podcartoes.lake.s3.S3Entry::key)
                .filter(k -> k.endsWith("/" + LogStream.STDERR.fileName())).sorted().forEach(key -> logs
                        .append("==> ").append(key, prefix.length(), key.length() - ".gz".length()).append(" <==\n")
                        .append(gunzip(bucket, key)).append('\n'));
        return logs.isEmpty() ? Optional.empty() : Optional.of(logs.toString());
    }

    private static String gunzip(S3Bucket bucket, String key) {
        try (InputStream in = new GZIPInputStream(bucket.open(key))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the log " + bucket.uri(key), e);
        }
    }

    /** The jobs jar in the lake, uploaded under its content hash when not there yet. */
    public String jobsJarUri() {
        String uri = jobsJarUri;
        if (uri == null) {
            String key = LakeLayout.SCRIPTS + "spark-jobs-" + sha256(jobsJar).substring(0, 16) + ".jar";
            if (lake.head(key).isEmpty()) {
                lake.putFile(jobsJar, key);
            }
            uri = lake.uri(key).toString();
            jobsJarUri = uri;
        }
        return uri;
    }

    private static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the jobs jar " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
