package com.podcartoes.lake.layout;

/**
 * Key prefixes of the source and lake buckets, exactly as the data contract (section 1) names them.
 * Every component builds keys through this class so that the layout lives in one place.
 */
public final class LakeLayout {
    /** Run records, the processed-file ledger and locks. */
    public static final String CONTROL = "0000_control/";
    public static final String RAW = "0001_raw/";
    public static final String TRUSTED = "0002_trusted/";
    public static final String REFINED = "0003_refined/";
    /** Job logs laid out like an EMR LogUri. */
    public static final String LOGS = "0004_logs/";
    /** The Spark jobs jar EMR steps run. */
    public static final String SCRIPTS = "0005_scripts/";

    /** Where source files are dropped in the source bucket. */
    public static final String INGESTION = "ingestion/";

    private LakeLayout() {
    }

    /** {@code ingestion/<subject>/} in the source bucket. */
    public static String sourcePrefix(Subject subject) {
        return INGESTION + subject.id() + "/";
    }

    public static String sourceKey(SourceFileName file) {
        return sourcePrefix(file.subject()) + file.fileName();
    }

    /** {@code 0001_raw/<subject>/dados/}. */
    public static String rawDataPrefix(Subject subject) {
        return RAW + subject.id() + "/dados/";
    }

    /** {@code 0001_raw/<subject>/controle/}. */
    public static String rawControlPrefix(Subject subject) {
        return RAW + subject.id() + "/controle/";
    }

    public static String rawDataKey(SourceFileName file) {
        return rawDataPrefix(file.subject()) + file.fileName();
    }

    public static String rawControlKey(SourceFileName file) {
        return rawControlPrefix(file.subject()) + file.controlFileName();
    }

    /** {@code 0002_trusted/<table>/}. */
    public static String trustedPrefix(Subject subject) {
        return TRUSTED + subject.trustedTable() + "/";
    }

    /** {@code 0002_trusted/_rejects/<table>/}. */
    public static String rejectsPrefix(Subject subject) {
        return TRUSTED + "_rejects/" + subject.trustedTable() + "/";
    }

    /** {@code 0000_control/metrics/trusted/<table>/<run id>.json}: what a Trusted job run did for one subject. */
    public static String trustedMetricsKey(Subject subject, String runId) {
        return CONTROL + "metrics/trusted/" + subject.trustedTable() + "/" + runId + ".json";
    }

    /** {@code 0000_control/metrics/book/<run id>.json}: what a book job run built. */
    public static String bookMetricsKey(String runId) {
        return CONTROL + "metrics/book/" + runId + ".json";
    }

    /**
     * {@code 0000_control/metrics/failures/<job>/<run id>.json}: why a job failed, one sentence per failure, where
     * every backend can read it (the step's stderr may be copied late, or not at all when the node dies).
     */
    public static String failureKey(String job, String runId) {
        return CONTROL + "metrics/failures/" + job + "/" + runId + ".json";
    }

    /** {@code 0000_control/progress/<run id>/<job>.json}: a running job's Spark tasks, while it runs. */
    public static String progressKey(String runId, String job) {
        return CONTROL + "progress/" + runId + "/" + job + ".json";
    }

    public static final String STAGE = REFINED + "stage/stage_fatura/";
    public static final String BOOK = REFINED + "book_fatura/";
}
