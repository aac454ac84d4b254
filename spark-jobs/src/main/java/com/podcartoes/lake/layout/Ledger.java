package com.podcartoes.lake.layout;

/**
 * The processed-file ledger: {@code 0000_control/ledger/<table>/<raw file>.json}, one entry per raw file the Trusted
 * job took, PROCESSED (published) or REFUSED (quarantined: left alone until replaced or retried). Spark-free, so
 * the job that writes it and the console and CLI that read it share these names.
 */
public final class Ledger {
    public static final String PROCESSED = "PROCESSED";
    public static final String REFUSED = "REFUSED";

    private Ledger() {
    }

    public static String prefix(Subject subject) {
        return LakeLayout.CONTROL + "ledger/" + subject.trustedTable() + "/";
    }

    public static String key(Subject subject, String rawFileName) {
        return prefix(subject) + rawFileName + ".json";
    }
}
