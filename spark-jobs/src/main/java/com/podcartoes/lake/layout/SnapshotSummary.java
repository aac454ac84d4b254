package com.podcartoes.lake.layout;

/**
 * The keys the jobs put in the summary of each Iceberg snapshot they commit, and the console and CLI read back
 * (lineage, time travel): one spelling for both sides.
 */
public final class SnapshotSummary {
    /** The run that committed. */
    public static final String RUN_ID = "pod.run-id";
    /** Its {@code dt_proc}. */
    public static final String DT_PROC = "pod.dt-proc";
    /** The raw files a Trusted commit replaced, comma-separated. */
    public static final String FILES = "pod.files";
    /** The months a stage or book commit replaced, comma-separated. */
    public static final String REFS = "pod.refs";
    /** The Trusted snapshots the stage and book were computed from: {@code table=id,table=id}. */
    public static final String TRUSTED_SNAPSHOTS = "pod.trusted-snapshots";
    /** The stage snapshot a book commit was built with. */
    public static final String STAGE_SNAPSHOT = "pod.stage-snapshot";
    /**
     * The book snapshot a stage commit goes with: its id is chosen before either commit, so the pair name each other
     * (a stage naming a book snapshot that does not exist was followed by no book commit: the run died between).
     */
    public static final String BOOK_SNAPSHOT = "pod.book-snapshot";
    /** The attempt whose files the snapshot added (what tells a crashed attempt's files from committed ones). */
    public static final String ATTEMPT = "pod.attempt";

    private SnapshotSummary() {
    }
}
