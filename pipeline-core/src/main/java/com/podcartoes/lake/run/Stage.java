package com.podcartoes.lake.run;

/**
 * One step of a flow, a small object with its options set at construction and a typed outcome (in the manner of
 * Apache Iceberg's actions). The flow engine, the CLI and the console all drive the same objects.
 */
public interface Stage<R extends Stage.Outcome> {
    /** The flow it belongs to, e.g. "ingestion". */
    String flow();

    /** The stage's name, e.g. "extract". */
    String name();

    /** The subject it works on, or null. */
    String subject();

    R execute(StageContext context);

    /** What every stage reports; the concrete outcomes add their own details. */
    interface Outcome {
        int files();

        long bytes();

        long records();

        /** One line for people. */
        String summary();

        /** What a person should look at although the stage succeeded (e.g. refused files); none by default. */
        default java.util.List<String> warnings() {
            return java.util.List.of();
        }
    }
}
