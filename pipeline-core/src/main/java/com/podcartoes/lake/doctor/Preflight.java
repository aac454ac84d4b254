package com.podcartoes.lake.doctor;

import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.s3.S3Bucket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * {@code lake doctor} and the console's Test connection: checks, one line each, that the active profile can do what
 * the lake needs, with a fix for each check that fails. Nothing is left behind (the probe object is deleted).
 */
public final class Preflight {
    public enum Status {
        OK, FAIL, SKIPPED
    }

    /** One check: what was checked, how it went, what was found, and what to do when it failed. */
    public record Check(String name, Status status, String detail, String fix) {
        static Check ok(String name, String detail) {
            return new Check(name, Status.OK, detail, null);
        }

        static Check fail(String name, String detail, String fix) {
            return new Check(name, Status.FAIL, detail, fix);
        }

        static Check skipped(String name, String why) {
            return new Check(name, Status.SKIPPED, why, null);
        }
    }

    /** The checks, in order; {@link #passed()} when none failed. */
    public record Report(List<Check> checks) {
        public boolean passed() {
            return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
        }

        /** For people: a line per check, the fix under each failure, then the verdict. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (Check check : checks) {
                lines.add(String.format("%-7s %-16s %s", check.status() == Status.OK ? "ok"
                        : check.status().name().toLowerCase(java.util.Locale.ROOT), check.name(), check.detail()));
                if (check.fix() != null) {
                    lines.add(String.format("        %-16s fix: %s", "", check.fix()));
                }
            }
            lines.add(passed() ? "All checks passed." : "Some checks failed: see the fixes above.");
            return lines;
        }
    }

    /** What the checks talk to; the AWS clients are empty on the embedded lake (or, for EMR, the local backend). */
    public record Services(LakeConfig config, S3Bucket source, S3Bucket lake, boolean embedded,
                           Optional<StsClient> sts, Optional<IamClient> iam, Optional<EmrClient> emr,
                           Supplier<String> jobsJarUpload) {
    }

    private static final String POLICY_FIX = "grant what 'lake iam-policy' prints to this identity";

    private final Services services;
    private final Clock clock;

    public Preflight(Services services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    /** The checks of the lake's active profile, with AWS clients built from its credentials and regions. */
    public static Report check(com.podcartoes.lake.context.LakeContext lake, Clock clock) {
        LakeConfig config = lake.config();
        if (lake.embedded().isPresent()) {
            return new Preflight(new Services(config, lake.source(), lake.lake(), true, Optional.empty(),
                    Optional.empty(), Optional.empty(), () -> ""), clock).run();
        }
        var credentials = com.podcartoes.lake.s3.S3Clients.credentialsFor(config.lake());
        software.amazon.awssdk.regions.Region region = software.amazon.awssdk.regions.Region.of(
                config.get(Setting.LAKE_REGION));
        boolean onEmr = config.get(Setting.COMPUTE_BACKEND).equals("emr");
        try (StsClient sts = StsClient.builder().region(region).credentialsProvider(credentials)
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()).build();
             IamClient iam = IamClient.builder().region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                     .credentialsProvider(credentials)
                     .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()).build();
             EmrClient emr = EmrClient.builder().region(region).credentialsProvider(credentials)
                     .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()).build()) {
            Supplier<String> jar = () -> ((com.podcartoes.lake.compute.EmrRunner)
                    com.podcartoes.lake.flow.SparkRunners.create(lake, "emr")).jobsJarUri();
            return new Preflight(new Services(config, lake.source(), lake.lake(), false, Optional.of(sts),
                    Optional.of(iam), onEmr ? Optional.of(emr) : Optional.empty(), jar), clock).run();
        }
    }

    public Report run() {
        LakeConfig config = services.config();
        List<Check> checks = new ArrayList<>();
        checks.add(identity());
        checks.add(source(config));
        checks.add(lake(config));
        if (services.emr().isPresent()) {
            checks.add(emr());
            checks.addAll(roles(config));
            checks.add(jobsJar());
        } else {
            checks.add(Check.skipped("EMR", "compute.backend is '" + config.get(Setting.COMPUTE_BACKEND)
                    + "': the jobs run in a child JVM on this machine"));
        }
        return new Report(checks);
    }

    private Check identity() {
        if (services.embedded()) {
            return Check.ok("identity", "the embedded S3 server's local credentials (127.0.0.1 only)");
        }
        try {
            GetCallerIdentityResponse me = services.sts().orElseThrow().getCallerIdentity();
            return Check.ok("identity", me.arn() + " (account " + me.account() + ")");
        } catch (SdkException e) {
            return Check.fail("identity", "the credentials resolve to no identity: " + firstLine(e),
                    "log in (aws sso login --profile NAME) or set lake.credentialsProfile / AWS_PROFILE");
        }
    }

    private Check source(LakeConfig config) {
        String name = "source bucket";
        S3Bucket source = services.source();
        try {
            int entries = source.list(LakeLayout.INGESTION, false, 1000).size();
            Optional<String> wrongRegion = wrongRegion(source, config.get(Setting.SOURCE_REGION));
            if (wrongRegion.isPresent()) {
                return Check.fail(name, "s3://" + source.name() + " is in " + wrongRegion.get() + ", not "
                        + config.get(Setting.SOURCE_REGION), "set source.region=" + wrongRegion.get());
            }
            return Check.ok(name, "s3://" + source.name() + "/" + LakeLayout.INGESTION + " lists (" + entries
                    + " entries)" + (services.embedded() ? "" : ", region " + config.get(Setting.SOURCE_REGION)));
        } catch (RuntimeException e) {
            Optional<String> region = services.embedded() ? Optional.empty()
                    : wrongRegion(source, config.get(Setting.SOURCE_REGION));
            return Check.fail(name, "cannot list s3://" + source.name() + "/" + LakeLayout.INGESTION + ": "
                    + firstLine(e), region.map(r -> "the bucket is in " + r + ": set source.region=" + r)
                    .orElse("check source.bucket, or " + POLICY_FIX));
        }
    }

    private Check lake(LakeConfig config) {
        String name = "lake bucket";
        S3Bucket lake = services.lake();
        String key = LakeLayout.CONTROL + "doctor/probe-" + UUID.randomUUID() + ".txt";
        byte[] probe = ("lake doctor probe " + clock.instant() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            lake.putBytes(key, probe, "text/plain");
            try {
                if (!Arrays.equals(lake.getBytes(key), probe)) {
                    return Check.fail(name, "the probe object s3://" + lake.name() + "/" + key + " read back"
                            + " different", "check what rewrites objects in this bucket");
                }
            } finally {
                lake.delete(key);
            }
            Optional<String> wrongRegion = wrongRegion(lake, config.get(Setting.LAKE_REGION));
            if (wrongRegion.isPresent()) {
                return Check.fail(name, "s3://" + lake.name() + " is in " + wrongRegion.get() + ", not "
                        + config.get(Setting.LAKE_REGION), "set lake.region=" + wrongRegion.get());
            }
            return Check.ok(name, "s3://" + lake.name() + " writes, reads and deletes a probe under "
                    + LakeLayout.CONTROL + lake.kmsKeyId().map(k -> " (SSE-KMS " + k + ")").orElse(""));
        } catch (RuntimeException e) {
            return Check.fail(name, "cannot write, read and delete a probe in s3://" + lake.name() + ": "
                    + firstLine(e), "create it (lake setup), or " + POLICY_FIX);
        }
    }

    private Optional<String> wrongRegion(S3Bucket bucket, String configured) {
        if (services.embedded()) {
            return Optional.empty();
        }
        try {
            return bucket.region().filter(r -> !r.equals(configured));
        } catch (RuntimeException e) {
            return Optional.empty(); // the listing's own error says more
        }
    }

    private Check emr() {
        try {
            int clusters = services.emr().orElseThrow().listClusters(r -> r.createdAfter(clock.instant()
                    .minus(Duration.ofDays(1)))).clusters().size();
            return Check.ok("EMR", "the EMR API answers (" + clusters + " clusters in the last day)");
        } catch (SdkException e) {
            return Check.fail("EMR", "the EMR API refused ListClusters: " + firstLine(e), POLICY_FIX);
        }
    }

    private List<Check> roles(LakeConfig config) {
        IamClient iam = services.iam().orElseThrow();
        List<Check> checks = new ArrayList<>();
        String service = config.get(Setting.EMR_SERVICE_ROLE);
        String profile = config.get(Setting.EMR_JOB_FLOW_ROLE);
        checks.add(seen("service role", () -> iam.getRole(r -> r.roleName(service)).role().arn(),
                "create it (aws emr create-default-roles) or set emr.serviceRole"));
        checks.add(seen("instance profile", () -> iam.getInstanceProfile(r -> r.instanceProfileName(profile))
                        .instanceProfile().arn(),
                "create it (aws emr create-default-roles) or set emr.jobFlowRole"));
        return checks;
    }

    private static Check seen(String name, Supplier<String> arn, String fix) {
        try {
            return Check.ok(name, arn.get());
        } catch (NoSuchEntityException e) {
            return Check.fail(name, "does not exist: " + firstLine(e), fix);
        } catch (SdkException e) {
            // Reading IAM is often not allowed to data engineers: say so, it does not stop a run.
            return Check.skipped(name, "cannot be seen with these credentials (" + firstLine(e) + ")");
        }
    }

    private Check jobsJar() {
        try {
            return Check.ok("jobs jar", services.jobsJarUpload().get());
        } catch (RuntimeException e) {
            return Check.fail("jobs jar", "cannot upload the jobs jar: " + firstLine(e),
                    "build it (mvn -DskipTests package), or " + POLICY_FIX);
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = message.indexOf(" (Service:");
        message = cut > 0 ? message.substring(0, cut) : message;
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
