package com.podcartoes.lake.testing;

import com.podcartoes.lake.embedded.EmbeddedS3;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Clients;
import com.podcartoes.lake.s3.S3Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/** An embedded S3 server on a test lake home, and buckets on it; can be stopped and started again mid-test. */
public final class LocalS3 implements AutoCloseable {
    private final Path home;
    private final List<S3Client> clients = new ArrayList<>();
    private EmbeddedS3 server;

    public LocalS3(Path home) {
        this.home = home;
        start();
    }

    public void start() {
        server = EmbeddedS3.startOrAttach(home.resolve("s3"), home);
    }

    public void stop() {
        server.close();
    }

    public Path home() {
        return home;
    }

    /** The lake home's secret key (random per lake home). */
    public String secretKey() {
        return server.credentials().secretKey();
    }

    public EmbeddedS3.Credentials credentials() {
        return server.credentials();
    }

    public java.net.URI endpoint() {
        return server.endpoint();
    }

    public Path dataDir() {
        return home.resolve("s3");
    }

    public S3Bucket bucket(String name) {
        return bucket(name, S3Bucket.DEFAULT_MULTIPART_THRESHOLD, S3Bucket.DEFAULT_PART_SIZE);
    }

    /** A bucket (created if missing) on the current server, with its own multipart settings. */
    public S3Bucket bucket(String name, long multipartThreshold, int partSize) {
        S3Bucket bucket = new S3Bucket(client(secretKey()), name, multipartThreshold, partSize);
        bucket.createIfMissing();
        return bucket;
    }

    /** A client for a bucket that is not created, optionally with a wrong secret key. */
    public S3Bucket uncreatedBucket(String name, String secretKey) {
        return new S3Bucket(client(secretKey), name);
    }

    private S3Client client(String secretKey) {
        S3Client client = S3Clients.create(new S3Location("any", "us-east-1", Optional.of(server.endpoint()),
                Optional.empty()), S3Clients.staticCredentials(server.credentials().accessKey(), secretKey));
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(S3Client::close);
        server.close();
    }
}
