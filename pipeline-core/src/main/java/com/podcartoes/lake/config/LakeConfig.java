package com.podcartoes.lake.config;

import com.podcartoes.lake.s3.S3Location;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved configuration of one profile: every {@link Setting} with its value and where it came from.
 * Immutable; build it with {@link ConfigLoader}.
 */
public record LakeConfig(String profile, ProfileKind kind, Path lakeHome, Optional<Path> configFile,
                         Map<Setting, Value> values) {

    /** A resolved value and its origin ("default", "file ~/.pod-lake/lake.properties", "env LAKE_..."). */
    public record Value(String value, String origin) {
    }

    public LakeConfig {
        values = Map.copyOf(values);
    }

    public String get(Setting setting) {
        return values.get(setting).value();
    }

    public String origin(Setting setting) {
        return values.get(setting).origin();
    }

    public int getInt(Setting setting) {
        return Integer.parseInt(get(setting));
    }

    public boolean getBoolean(Setting setting) {
        return Boolean.parseBoolean(get(setting));
    }

    public BigDecimal getDecimal(Setting setting) {
        return new BigDecimal(get(setting));
    }

    public Optional<String> getOptional(Setting setting) {
        String value = get(setting);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public S3Location source() {
        return location(Setting.SOURCE_BUCKET, Setting.SOURCE_REGION, Setting.SOURCE_ENDPOINT,
                Setting.SOURCE_CREDENTIALS_PROFILE);
    }

    public S3Location lake() {
        return location(Setting.LAKE_BUCKET, Setting.LAKE_REGION, Setting.LAKE_ENDPOINT,
                Setting.LAKE_CREDENTIALS_PROFILE);
    }

    /** A local profile without endpoint overrides runs on the embedded S3 server. */
    public boolean usesEmbeddedServer() {
        return kind == ProfileKind.LOCAL && get(Setting.SOURCE_ENDPOINT).isEmpty()
                && get(Setting.LAKE_ENDPOINT).isEmpty();
    }

    /** Where the embedded server keeps its buckets: {@code <lakeHome>/s3/<bucket>/<key>}. */
    public Path embeddedDataDir() {
        return lakeHome.resolve("s3");
    }

    public String emrLogUri() {
        return getOptional(Setting.EMR_LOG_URI).orElse("s3://" + get(Setting.LAKE_BUCKET) + "/0004_logs/");
    }

    private S3Location location(Setting bucket, Setting region, Setting endpoint, Setting profileName) {
        return new S3Location(get(bucket), get(region), getOptional(endpoint).map(URI::create),
                getOptional(profileName));
    }
}
