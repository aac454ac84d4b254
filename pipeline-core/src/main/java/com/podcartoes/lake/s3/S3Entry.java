package com.podcartoes.lake.s3;

import java.time.Instant;
import java.util.Map;

/**
 * One line of a listing: an object (with size, date and ETag) or, in a delimited listing, a common prefix
 * ("directory") with size 0 and no date. User metadata is only filled in by {@link S3Bucket#head}.
 */
public record S3Entry(String key, long size, Instant lastModified, String eTag, boolean isPrefix,
                      Map<String, String> metadata) {
    public S3Entry {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public S3Entry(String key, long size, Instant lastModified, String eTag, boolean isPrefix) {
        this(key, size, lastModified, eTag, isPrefix, Map.of());
    }

    public static S3Entry prefix(String key) {
        return new S3Entry(key, 0, null, null, true);
    }
}
