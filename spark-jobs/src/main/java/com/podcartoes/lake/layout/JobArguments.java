package com.podcartoes.lake.layout;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of the Spark jobs, {@code --name value} pairs and {@code --flag}s: both the jobs (parsing) and
 * pipeline-core's runners (building step arguments) use these names, so they exist once.
 */
public final class JobArguments {
    public static final String LAKE = "--lake";
    public static final String FILE = "--file";
    public static final String DT_PROC = "--dt-proc";
    public static final String RUN_ID = "--run-id";
    public static final String MAX_REJECT_RATE = "--max-reject-rate";
    public static final String NO_SHA256 = "--no-sha256";
    /** Trusted: process again the files a run refused (quarantined), besides the new ones. */
    public static final String RETRY_REFUSED = "--retry-refused";
    /** Trusted: the plausible dates of a row (yyyy-MM-dd); outside them a row is BAD_DATE. */
    public static final String MIN_DATE = "--min-date";
    public static final String MAX_DATE = "--max-date";
    /** Trusted: the longest record in bytes; a longer one is LINE_TOO_LONG. */
    public static final String MAX_RECORD_BYTES = "--max-record-bytes";
    public static final String REF = "--ref";
    public static final String FROM = "--from";
    public static final String TO = "--to";
    /** The lake's Iceberg catalog ({@link LakeCatalog}): jdbc or glue, its JDBC URL, its database. */
    public static final String CATALOG = "--catalog";
    public static final String CATALOG_URI = "--catalog-uri";
    public static final String DATABASE = "--database";
    public static final String KMS_KEY_ID = "--kms-key-id";

    private static final Set<String> FLAGS = Set.of(NO_SHA256, RETRY_REFUSED);
    private static final Set<String> VALUED = Set.of(LAKE, FILE, DT_PROC, RUN_ID, MAX_REJECT_RATE, REF, FROM, TO,
            MIN_DATE, MAX_DATE, MAX_RECORD_BYTES, CATALOG, CATALOG_URI, DATABASE, KMS_KEY_ID);

    private final Map<String, String> values;
    private final Set<String> flags;

    private JobArguments(Map<String, String> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    public static JobArguments parse(String... args) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (FLAGS.contains(name)) {
                flags.add(name);
            } else if (VALUED.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument '" + name + "'");
            }
        }
        return new JobArguments(values, flags);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }
}
