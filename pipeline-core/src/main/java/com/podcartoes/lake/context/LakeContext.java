package com.podcartoes.lake.context;

import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.demo.DemoDataUpload;
import com.podcartoes.lake.demo.DemoDataOptions;
import com.podcartoes.lake.demo.DemoDataSummary;
import com.podcartoes.lake.embedded.EmbeddedS3;
import com.podcartoes.lake.config.ProfileKind;
import com.podcartoes.lake.layout.LakeCatalog;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Clients;
import com.podcartoes.lake.s3.S3Location;
import com.podcartoes.lake.tables.LakeTablesReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An open connection to one profile's lake: the source and lake buckets, through the embedded server on a local
 * profile (started here, or the one another process on the same lake home already runs) or AWS otherwise.
 * The CLI and the console each hold one for their lifetime.
 */
public final class LakeContext implements AutoCloseable {
    static final String DEMO_MARKER = "demo-data.seeded";

    private final LakeConfig config;
    private final EmbeddedS3 embedded; // null unless the profile runs on the embedded server
    private final S3Client sourceClient;
    private final S3Client lakeClient;
    private final S3Bucket source;
    private final S3Bucket lake;
    private DemoDataSummary seeded;
    private LakeTablesReader tables; // opened on first use

    private LakeContext(LakeConfig config, EmbeddedS3 embedded, S3Location sourceLocation, S3Location lakeLocation,
                        AwsCredentialsProvider sourceCredentials, AwsCredentialsProvider lakeCredentials) {
        this.config = config;
        this.embedded = embedded;
        this.sourceClient = S3Clients.create(sourceLocation, sourceCredentials);
        this.lakeClient = S3Clients.create(lakeLocation, lakeCredentials);
        this.source = new S3Bucket(sourceClient, sourceLocation.bucket());
        // SSE-KMS on AWS only: the embedded server has no KMS.
        this.lake = new S3Bucket(lakeClient, lakeLocation.bucket()).withKmsKey(embedded == null
                ? config.get(Setting.LAKE_KMS_KEY_ID) : null);
    }

    /**
     * Opens the profile's lake. On the embedded server the two buckets are created if missing and, the first time
     * with an empty source bucket and {@code demo.data=true}, demo extracts are generated into it.
     *
     * @param notices receives one-line messages worth showing a person (e.g. "generating demo data")
     */
    public static LakeContext open(LakeConfig config, Consumer<String> notices) {
        if (!config.usesEmbeddedServer()) {
            return new LakeContext(config, null, config.source(), config.lake(),
                    S3Clients.credentialsFor(config.source()), S3Clients.credentialsFor(config.lake()));
        }
        EmbeddedS3 embedded = EmbeddedS3.startOrAttach(config.embeddedDataDir(), config.lakeHome());
        try {
            AwsCredentialsProvider local = S3Clients.staticCredentials(embedded.credentials().accessKey(),
                    embedded.credentials().secretKey());
            LakeContext context = new LakeContext(config, embedded, config.source().withEndpoint(embedded.endpoint()),
                    config.lake().withEndpoint(embedded.endpoint()), local, local);
            context.source.createIfMissing();
            context.lake.createIfMissing();
            context.seedDemoDataOnFirstStart(notices);
            return context;
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    private void seedDemoDataOnFirstStart(Consumer<String> notices) {
        Path marker = config.lakeHome().resolve(DEMO_MARKER);
        if (!config.getBoolean(Setting.DEMO_DATA) || Files.exists(marker)) {
            return;
        }
        if (source.list(LakeLayout.INGESTION, true, 1).isEmpty()) {
            DemoDataOptions options = DemoDataOptions.defaults();
            notices.accept(String.format("First start: generating demo data (%,d clients x %d months from %s) into"
                            + " s3://%s/%s (set LAKE_DEMO_DATA=false to start empty)", options.clients(),
                    options.months(), options.firstMonth(), source.name(), LakeLayout.INGESTION));
            seeded = DemoDataUpload.generate(options, source, scratchDir());
        }
        try {
            Files.writeString(marker, "demo data considered on first start; delete this file to consider again\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + marker, e);
        }
    }

    public LakeConfig config() {
        return config;
    }

    public S3Bucket source() {
        return source;
    }

    public S3Bucket lake() {
        return lake;
    }

    /** The bucket of that name: the source and lake buckets with their own credentials, others through the lake's. */
    public S3Bucket bucket(String name) {
        if (name.equals(source.name())) {
            return source;
        }
        if (name.equals(lake.name())) {
            return lake;
        }
        return new S3Bucket(lakeClient, name);
    }

    /** The embedded server, when the profile runs on one. */
    public Optional<EmbeddedS3> embedded() {
        return Optional.ofNullable(embedded);
    }

    /** Demo data generated by this open, if it was the first start. */
    public Optional<DemoDataSummary> seededDemoData() {
        return Optional.ofNullable(seeded);
    }

    /**
     * Where the lake's Iceberg tables are catalogued: on a local profile an SQLite file under the lake home (no
     * server), on AWS the Glue Data Catalog, so Athena sees each commit at once.
     */
    public LakeCatalog catalog() {
        String database = config.get(Setting.LAKE_CATALOG_DATABASE);
        if (config.kind() == ProfileKind.AWS) {
            return LakeCatalog.glue(database).withKmsKey(config.get(Setting.LAKE_KMS_KEY_ID));
        }
        Path file = config.lakeHome().resolve("catalog").resolve("iceberg.db");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file.getParent(), e);
        }
        return LakeCatalog.sqlite(file, database);
    }

    /**
     * The URI under which the jobs see the lake bucket, where the tables live: on the embedded lake its directory
     * ({@code file://}) or its S3 API ({@code s3a://bucket/}, {@code spark.lakeAccess=s3}), {@code s3://bucket/} on
     * AWS.
     */
    public String tablesUri() {
        if (embedded == null) {
            return "s3://" + lake.name() + "/";
        }
        return jobsUseS3Api() ? "s3a://" + lake.name() + "/" : embeddedLakeDir().toUri().toString();
    }

    /** The lake bucket's directory on this machine: the embedded server's data (local profiles only). */
    public Path embeddedLakeDir() {
        return config.embeddedDataDir().resolve(lake.name());
    }

    /** Whether the local backend's jobs reach the embedded lake through its S3 API ({@code spark.lakeAccess=s3}). */
    public boolean jobsUseS3Api() {
        return embedded != null && config.get(Setting.SPARK_LAKE_ACCESS).equals("s3");
    }

    /** The lake's Iceberg tables, read through their catalog; opened on first use, closed with this context. */
    public synchronized LakeTablesReader tables() {
        if (tables == null) {
            tables = LakeTablesReader.open(this);
        }
        return tables;
    }

    /** Local scratch space for staging and temporary files, under the lake home. */
    public Path scratchDir() {
        return config.lakeHome().resolve("tmp");
    }

    @Override
    public void close() {
        synchronized (this) {
            if (tables != null) {
                tables.close();
            }
        }
        sourceClient.close();
        lakeClient.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
