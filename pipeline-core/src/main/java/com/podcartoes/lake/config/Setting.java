package com.podcartoes.lake.config;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every configuration key, with its meaning, its defaults per profile kind and its validation. This enum is the
 * one source of truth: the loader, the error messages, {@code lake config} and docs/configuration.md follow it.
 */
public enum Setting {
    SOURCE_BUCKET("source.bucket", "Bucket where the company drops its extracts (ingestion/<subject>/).",
            "pod-source", "", Type.BUCKET),
    SOURCE_REGION("source.region", "AWS region of the source bucket.", "us-east-1", "us-east-1", Type.REGION),
    SOURCE_ENDPOINT("source.endpoint",
            "Endpoint override URL for the source bucket. Empty: AWS itself, or the embedded server on a local profile.",
            "", "", Type.URL),
    SOURCE_CREDENTIALS_PROFILE("source.credentialsProfile",
            "Named AWS profile (~/.aws) for the source bucket. Empty: the AWS default credential chain.",
            "", "", Type.TEXT),
    LAKE_BUCKET("lake.bucket", "Bucket that holds the lake's layers (0000_control/ .. 0005_scripts/).",
            "pod-lake", "", Type.BUCKET),
    LAKE_REGION("lake.region", "AWS region of the lake bucket (and of the EMR clusters).", "us-east-1", "us-east-1",
            Type.REGION),
    LAKE_ENDPOINT("lake.endpoint",
            "Endpoint override URL for the lake bucket. Empty: AWS itself, or the embedded server on a local profile.",
            "", "", Type.URL),
    LAKE_CREDENTIALS_PROFILE("lake.credentialsProfile",
            "Named AWS profile (~/.aws) for the lake bucket and EMR. Empty: the AWS default credential chain.",
            "", "", Type.TEXT),
    LAKE_KMS_KEY_ID("lake.kmsKeyId", "KMS key (id, ARN or alias) for SSE-KMS on every write to the lake bucket, the"
            + " SDK's and the Spark jobs'. Empty: the bucket's default encryption. Not on the embedded server.", "", "",
            Type.TEXT),
    LAKE_CATALOG_DATABASE("lake.catalogDatabase", "Database of the lake's Iceberg tables: in the Glue Data Catalog"
            + " on AWS (Athena queries <database>.book_fatura), in the SQLite catalog under the lake home locally.",
            "pod_lake", "pod_lake", Type.TEXT),
    COMPUTE_BACKEND("compute.backend", "Where Spark jobs run: 'local' (child JVM) or 'emr'.", "local", "emr",
            Type.BACKEND),
    SPARK_MASTER("spark.master", "Spark master URL for the local backend.", "local[2]", "local[2]", Type.TEXT),
    SPARK_LAKE_ACCESS("spark.lakeAccess", "How the local backend's Spark jobs reach the embedded lake: 'file' (its"
            + " directory) or 's3' (its S3 API through S3A, as the jobs reach S3 on EMR). Per lake home: the tables"
            + " record their files' locations.", "file", "file", Type.LAKE_ACCESS),
    SPARK_DRIVER_MEMORY("spark.driverMemory", "Heap of the local Spark child JVM (e.g. 3g).", "3g", "3g",
            Type.MEMORY),
    SPARK_CLASS_DATA_DIR("spark.classDataDir",
            "Where the local backend keeps the job JVMs' class-data archives (several lake homes may share one)."
                    + " Empty: <lake home>/cache/class-data.", "", "", Type.TEXT),
    EMR_RELEASE_LABEL("emr.releaseLabel", "EMR release label of the clusters the pipeline starts.",
            "emr-spark-8.0.0", "emr-spark-8.0.0", Type.TEXT),
    EMR_MASTER_INSTANCE_TYPE("emr.masterInstanceType", "EC2 instance type of the primary node.", "m5.xlarge",
            "m5.xlarge", Type.TEXT),
    EMR_CORE_INSTANCE_TYPE("emr.coreInstanceType", "EC2 instance type of the core nodes.", "m5.xlarge", "m5.xlarge",
            Type.TEXT),
    EMR_CORE_INSTANCE_COUNT("emr.coreInstanceCount", "Number of core nodes.", "2", "2", Type.COUNT),
    EMR_SERVICE_ROLE("emr.serviceRole", "IAM service role of the cluster.", "EMR_DefaultRole", "EMR_DefaultRole",
            Type.TEXT),
    EMR_JOB_FLOW_ROLE("emr.jobFlowRole", "EC2 instance profile of the cluster nodes.", "EMR_EC2_DefaultRole",
            "EMR_EC2_DefaultRole", Type.TEXT),
    EMR_LOG_URI("emr.logUri", "Where EMR writes logs. Empty: s3://<lake.bucket>/0004_logs/.", "", "", Type.S3_URI),
    EMR_SUBNET_ID("emr.subnetId", "EC2 subnet of the cluster. Empty: the account's default VPC.", "", "",
            Type.TEXT),
    EMR_CLUSTER_ID("emr.clusterId",
            "Run the steps on this running EMR cluster. Empty: start a cluster per flow run, terminated at its end.",
            "", "", Type.TEXT),
    PROCESSING_ATTEMPTS("processing.attempts", "Attempts per processing stage (Spark job); 1 means no retry.", "1",
            "2", Type.COUNT),
    TRUSTED_MAX_REJECT_RATE("trusted.maxRejectRate",
            "Share of rejected rows above which the Trusted job refuses a file (0 to 1); a run's --max-reject-rate"
                    + " wins.", "0.01", "0.01", Type.PRICE),
    TRUSTED_MIN_DATE("trusted.minDate", "Earliest plausible date of a row (yyyy-MM-dd); before it, BAD_DATE.",
            "1990-01-01", "1990-01-01", Type.TEXT),
    TRUSTED_MAX_DATE("trusted.maxDate", "Latest plausible date of a row (yyyy-MM-dd); after it, BAD_DATE.",
            "2099-12-31", "2099-12-31", Type.TEXT),
    TRUSTED_MAX_RECORD_BYTES("trusted.maxRecordBytes",
            "Longest CSV record (bytes) the Trusted job reads; a longer one is LINE_TOO_LONG, its first bytes kept.",
            "1048576", "1048576", Type.RECORD_BYTES),
    PROCESSING_STEP_TIMEOUT_MINUTES("processing.stepTimeoutMinutes",
            "A Spark step still running after this many minutes is cancelled and its stage failed; 0: no limit.",
            "360", "360", Type.COUNT),
    EMR_IDLE_TIMEOUT_SECONDS("emr.idleTimeoutSeconds",
            "Auto-termination after this many idle seconds (60 to 604800).", "3600", "3600", Type.IDLE_TIMEOUT),
    EMR_PRICES("emr.prices", "USD per instance hour by EC2 type (EC2 on-demand + EMR), 'type=price,...', for cost"
            + " estimates: instances x hours up x price.", com.podcartoes.lake.compute.EmrPrices.DEFAULTS,
            com.podcartoes.lake.compute.EmrPrices.DEFAULTS, Type.TEXT),
    EMR_TAGS("emr.tags", "Tags of the clusters the pipeline starts, 'key=value,...' (a _V2 service role adds"
            + " for-use-with-amazon-emr-managed-policies=true).", "project=pod-lake", "project=pod-lake", Type.TEXT),
    EMR_SECURITY_CONFIGURATION("emr.securityConfiguration", "Name of an EMR security configuration for the"
            + " clusters (encryption, Kerberos). Empty: none.", "", "", Type.TEXT),
    EMR_EBS_ROOT_VOLUME_GB("emr.ebsRootVolumeSizeGb", "Root EBS volume of each node, in GiB. 0: EMR's default.",
            "0", "0", Type.COUNT),
    EMR_VISIBLE_TO_ALL_USERS("emr.visibleToAllUsers", "Whether every IAM user of the account sees and manages the"
            + " clusters (EMR's old default); false: only the creator and whom IAM allows.", "false", "false",
            Type.BOOLEAN),
    RETENTION_DAYS("retention.days", "'lake maintain' removes run records, metrics and logs older than this many"
            + " days (raw, the tables and the ledger are never pruned).", "90", "90", Type.COUNT),
    RETENTION_KEEP_RUNS("retention.keepRuns", "'lake maintain' keeps at least this many latest runs of each flow,"
            + " whatever their age.", "20", "20", Type.COUNT),
    LIFECYCLE_RAW_TO_GLACIER_DAYS("lifecycle.rawToGlacierDays", "'lake setup' sets a lifecycle rule that moves"
            + " 0001_raw/ to Glacier Instant Retrieval after this many days (still readable for reprocessing);"
            + " 0: raw stays in S3 Standard.", "90", "90", Type.COUNT),
    SCHEDULE_INGESTION("schedule.ingestion",
            "When 'lake scheduler' runs the ingestion flow: a cron expression (minute hour day month weekday).",
            "0 8 1 * *", "0 8 1 * *", Type.TEXT),
    SCHEDULE_PROCESSING("schedule.processing", "When 'lake scheduler' runs the processing flow (cron).",
            "0 8 5 * *", "0 8 5 * *", Type.TEXT),
    SCHEDULE_TIME_ZONE("schedule.timeZone", "Time zone of the schedules.", "America/Sao_Paulo",
            "America/Sao_Paulo", Type.TEXT),
    DEMO_DATA("demo.data",
            "Generate demo extracts into an empty source bucket when a local lake first starts.", "true", "false",
            Type.BOOLEAN);

    private final String key;
    private final String description;
    private final String localDefault;
    private final String awsDefault;
    private final Type type;

    Setting(String key, String description, String localDefault, String awsDefault, Type type) {
        this.key = key;
        this.description = description;
        this.localDefault = localDefault;
        this.awsDefault = awsDefault;
        this.type = type;
    }

    /** The key as written in the config file after the profile name, e.g. {@code source.bucket}. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public String defaultFor(ProfileKind kind) {
        return kind == ProfileKind.LOCAL ? localDefault : awsDefault;
    }

    public Type type() {
        return type;
    }

    /** The environment variable that overrides this key on the active profile, e.g. {@code LAKE_SOURCE_BUCKET}. */
    public String environmentVariable() {
        String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_');
        return "LAKE_" + snake.toUpperCase(Locale.ROOT);
    }

    public static Setting fromKey(String key) {
        for (Setting setting : values()) {
            if (setting.key.equals(key)) {
                return setting;
            }
        }
        return null;
    }

    /** Value types; {@link #check} returns null when the value is acceptable, else what was expected. */
    public enum Type {
        TEXT(null, "text"),
        BUCKET(Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"),
                "a bucket name (3-63 lower-case letters, digits, '.' or '-')"),
        REGION(Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d"), "an AWS region such as us-east-1"),
        URL(null, "an http(s) URL such as http://127.0.0.1:9000"),
        S3_URI(Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?"), "an s3://bucket/prefix/ URI"),
        BACKEND(Pattern.compile("local|emr"), "'local' or 'emr'"),
        LAKE_ACCESS(Pattern.compile("file|s3"), "'file' or 's3'"),
        MEMORY(Pattern.compile("\\d+[mMgG]"), "a JVM memory size such as 3g or 2048m"),
        COUNT(null, "a whole number from 0 to 1000"),
        IDLE_TIMEOUT(null, "a whole number of seconds from 60 to 604800"),
        RECORD_BYTES(null, "a whole number of bytes from 64 to 268435456 (256 MiB)"),
        PRICE(null, "a non-negative decimal number"),
        BOOLEAN(Pattern.compile("true|false"), "true or false");

        private final Pattern pattern;
        private final String expected;

        Type(Pattern pattern, String expected) {
            this.pattern = pattern;
            this.expected = expected;
        }

        String check(String value) {
            if (value.isEmpty() || this == TEXT) {
                return null; // emptiness is decided per key by the loader
            }
            boolean ok = switch (this) {
                case URL -> isHttpUrl(value);
                case COUNT -> isLongBetween(value, 0, 1000);
                case IDLE_TIMEOUT -> isLongBetween(value, 60, 604_800);
                case RECORD_BYTES -> isLongBetween(value, 64, 256L << 20);
                case PRICE -> isNonNegativeDecimal(value);
                default -> pattern.matcher(value).matches();
            };
            return ok ? null : expected;
        }

        private static boolean isHttpUrl(String value) {
            try {
                URI uri = URI.create(value);
                return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private static boolean isLongBetween(String value, long min, long max) {
            try {
                long n = Long.parseLong(value);
                return n >= min && n <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static boolean isNonNegativeDecimal(String value) {
            try {
                return new BigDecimal(value).signum() >= 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
