package com.podcartoes.lake.flow;

import com.podcartoes.lake.compute.EmrPrices;
import com.podcartoes.lake.compute.EmrRunner;
import com.podcartoes.lake.compute.EmrSettings;
import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.compute.StepWatch;
import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.s3.S3Clients;
import com.podcartoes.lake.spark.LocalSparkRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;

/** The Spark backend of a profile ({@code compute.backend}, or the one asked for): local child JVMs, or EMR. */
public final class SparkRunners {
    private SparkRunners() {
    }

    /** The backends this profile can run jobs on: local child JVMs on the embedded lake, EMR on a lake in S3. */
    public static java.util.List<String> backendsFor(LakeConfig config) {
        return config.usesEmbeddedServer() ? java.util.List.of("local") : java.util.List.of("emr");
    }

    /** @param backend "local", "emr", or null for the profile's {@code compute.backend} */
    public static SparkRunner create(LakeContext lake, String backend) {
        LakeConfig config = lake.config();
        String chosen = backend != null ? backend : config.get(Setting.COMPUTE_BACKEND);
        switch (chosen) {
            case "local" -> {
                if (!config.usesEmbeddedServer()) {
                    throw new IllegalArgumentException("the local backend runs on the embedded lake; profile '"
                            + config.profile() + "' has its lake in S3: use --backend emr");
                }
                var embedded = lake.embedded().orElseThrow();
                return new LocalSparkRunner(LocalSparkRunner.defaultSparkJobsDir(), config.get(Setting.SPARK_MASTER),
                        config.get(Setting.SPARK_DRIVER_MEMORY), classDataDir(config),
                        lake.embeddedLakeDir(), Clock.systemUTC(),
                        new LocalSparkRunner.S3Access(embedded.endpoint(), lake.lake().name(),
                                embedded.credentials().accessKey(), embedded.credentials().secretKey(),
                                lake.jobsUseS3Api()));
            }
            case "emr" -> {
                if (config.usesEmbeddedServer()) {
                    throw new IllegalArgumentException("EMR cannot read the embedded local lake; use a profile with"
                            + " its lake in S3 (e.g. --profile aws)");
                }
                return emr(lake);
            }
            default -> throw new IllegalArgumentException("--backend must be local or emr, got '" + chosen + "'");
        }
    }

    private static java.nio.file.Path classDataDir(LakeConfig config) {
        String shared = config.get(Setting.SPARK_CLASS_DATA_DIR);
        return shared.isBlank() ? config.lakeHome().resolve("cache/class-data") : java.nio.file.Path.of(shared);
    }

    private static SparkRunner emr(LakeContext lake) {
        LakeConfig config = lake.config();
        EmrClient client = EmrClient.builder()
                .region(Region.of(config.get(Setting.LAKE_REGION)))
                .credentialsProvider(S3Clients.credentialsFor(config.lake()))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        EmrSettings settings = new EmrSettings(config.get(Setting.EMR_RELEASE_LABEL),
                config.get(Setting.EMR_MASTER_INSTANCE_TYPE), config.get(Setting.EMR_CORE_INSTANCE_TYPE),
                config.getInt(Setting.EMR_CORE_INSTANCE_COUNT), config.get(Setting.EMR_SERVICE_ROLE),
                config.get(Setting.EMR_JOB_FLOW_ROLE), config.emrLogUri(), config.get(Setting.EMR_SUBNET_ID),
                config.getInt(Setting.EMR_IDLE_TIMEOUT_SECONDS),
                EmrPrices.parse(config.get(Setting.EMR_PRICES)), config.get(Setting.EMR_CLUSTER_ID),
                EmrSettings.parseTags(config.get(Setting.EMR_TAGS)), config.get(Setting.EMR_SECURITY_CONFIGURATION),
                config.getInt(Setting.EMR_EBS_ROOT_VOLUME_GB),
                Boolean.parseBoolean(config.get(Setting.EMR_VISIBLE_TO_ALL_USERS)));
        try {
            return new EmrRunner(client, lake.lake(), lake::bucket, settings,
                    LocalSparkRunner.jobsJar(LocalSparkRunner.defaultSparkJobsDir()), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The backend that runs a cluster: local clusters are named {@code local-...}, EMR's {@code j-...}. */
    public static SparkRunner forCluster(LakeContext lake, String clusterId) {
        return create(lake, clusterId.startsWith("local-") ? "local" : "emr");
    }

    /** How often a flow looks at a running step: EMR counts the calls, locally they are free. */
    public static StepWatch.Backoff pollFor(SparkRunner runner) {
        return runner.backend().equals("emr") ? StepWatch.Backoff.EMR : StepWatch.Backoff.LOCAL;
    }
}
