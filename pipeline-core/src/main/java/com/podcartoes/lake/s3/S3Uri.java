package com.podcartoes.lake.s3;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@code s3://bucket/key} address as users type it; the key may be empty or a prefix ending in '/'. */
public record S3Uri(String bucket, String key) {
    private static final Pattern URI = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*))?");

    public static boolean looksLikeS3(String text) {
        return text.startsWith("s3://");
    }

    public static S3Uri parse(String text) {
        Matcher m = URI.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an s3://bucket/key address");
        }
        return new S3Uri(m.group(1), m.group(2) == null ? "" : m.group(2));
    }

    /** The last path segment of the key, e.g. the file name. */
    public String name() {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
