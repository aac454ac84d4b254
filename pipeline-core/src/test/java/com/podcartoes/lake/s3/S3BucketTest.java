package com.podcartoes.lake.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.podcartoes.lake.embedded.EmbeddedS3;
import com.podcartoes.lake.testing.TestLakes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 wrapper against the embedded S3Proxy, over real HTTP. */
class S3BucketTest {
    private static Path home;
    private static EmbeddedS3 server;
    private static S3Client client;
    private static S3Bucket bucket;

    @BeforeAll
    static void start() {
        home = TestLakes.newLakeHome("s3bucket");
        server = EmbeddedS3.startOrAttach(home.resolve("s3"), home);
        client = clientFor(server.endpoint(), server.credentials().accessKey(), server.credentials().secretKey());
        bucket = new S3Bucket(client, "test-bucket", 6L * 1024 * 1024, 5 * 1024 * 1024);
        bucket.createIfMissing();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static S3Client clientFor(URI endpoint, String accessKey, String secretKey) {
        S3Location location = new S3Location("unused", "us-east-1", Optional.of(endpoint), Optional.empty());
        return S3Clients.create(location, S3Clients.staticCredentials(accessKey, secretKey));
    }

    @Test
    void putsGetsAndDeletesSmallObjects() {
        bucket.putBytes("small/a.txt", "olá, lake".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(new String(bucket.getBytes("small/a.txt"), StandardCharsets.UTF_8)).isEqualTo("olá, lake");
        S3Entry head = bucket.head("small/a.txt").orElseThrow();
        assertThat(head.size()).isEqualTo("olá, lake".getBytes(StandardCharsets.UTF_8).length);
        assertThat(head.eTag()).doesNotContain("\"").hasSize(32); // MD5 hex of a single-part upload

        bucket.delete("small/a.txt");
        assertThat(bucket.head("small/a.txt")).isEmpty();
    }

    @Test
    void listsEveryPageAndGroupsPrefixesWhenNotRecursive() {
        for (int i = 0; i < 23; i++) {
            bucket.putBytes(String.format("paged/f-%02d.csv", i), new byte[] {(byte) i}, "text/csv");
        }
        bucket.putBytes("paged/sub/one.csv", new byte[] {1, 2}, "text/csv");
        bucket.putBytes("paged/sub/two.csv", new byte[] {1, 2, 3}, "text/csv");

        List<S3Entry> all = bucket.list("paged/", true, 5); // 25 keys over 5 pages
        assertThat(all).hasSize(25);
        assertThat(all.get(0).key()).isEqualTo("paged/f-00.csv");
        assertThat(all).extracting(S3Entry::key).contains("paged/sub/two.csv").doesNotHaveDuplicates();
        assertThat(all.stream().mapToLong(S3Entry::size).sum()).isEqualTo(23 + 2 + 3);

        List<S3Entry> shallow = bucket.list("paged/", false, 4);
        assertThat(shallow).hasSize(24);
        assertThat(shallow).filteredOn(S3Entry::isPrefix).extracting(S3Entry::key).containsExactly("paged/sub/");
        assertThat(bucket.list("nothing-here/", true)).isEmpty();
    }

    @Test
    void uploadsLargeFilesInPartsAndDownloadsThemIntact() throws Exception {
        Path file = home.resolve("big.bin");
        byte[] content = new byte[13 * 1024 * 1024 + 123]; // three parts of 5 MiB, the last one short
        new Random(7).nextBytes(content);
        Files.write(file, content);

        String eTag = bucket.putFile(file, "big/big.bin");

        assertThat(eTag).endsWith("-3"); // S3's multipart ETag names the part count
        assertThat(bucket.head("big/big.bin").orElseThrow().size()).isEqualTo(content.length);
        Path back = home.resolve("download/big.bin");
        bucket.getFile("big/big.bin", back);
        assertThat(sha256(back)).isEqualTo(sha256(file));
        try (InputStream in = bucket.open("big/big.bin")) {
            assertThat(in.readNBytes(16)).isEqualTo(java.util.Arrays.copyOf(content, 16));
        }
        // The embedded store keeps plain files at <dir>/<bucket>/<key>: what local Spark jobs read.
        assertThat(sha256(home.resolve("s3/test-bucket/big/big.bin"))).isEqualTo(sha256(file));
        assertThat(bucket.list("big/", true)).extracting(S3Entry::key).containsExactly("big/big.bin");
    }

    @Test
    void singlePartUploadBelowThresholdKeepsBytes() throws Exception {
        Path file = home.resolve("crlf.csv");
        byte[] content = "\uFEFFa,b\r\n1,\"2,5\"\r\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);
        bucket.putFile(file, "bytes/crlf.csv");
        assertThat(bucket.getBytes("bytes/crlf.csv")).isEqualTo(content);
    }

    @Test
    void missingBucketIsAPermanentErrorNamingTheBucket() {
        S3Bucket missing = new S3Bucket(client, "no-such-bucket");
        assertThat(missing.exists()).isFalse();
        assertThatThrownBy(() -> missing.list("x/", true))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://no-such-bucket/x/")
                .hasMessageContaining("bucket 'no-such-bucket' does not exist")
                .satisfies(e -> assertThat(((StorageException) e).isTransient()).isFalse());
    }

    @Test
    void refusedCredentialsArePermanentAndSaySo() {
        try (S3Client wrong = clientFor(server.endpoint(), server.credentials().accessKey(), "not-the-key")) {
            assertThatThrownBy(() -> new S3Bucket(wrong, "test-bucket").list("", true))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("credentials were refused")
                    .satisfies(e -> assertThat(((StorageException) e).isTransient()).isFalse());
        }
    }

    @Test
    void unreachableServerIsTransient() {
        try (S3Client nowhere = clientFor(URI.create("http://127.0.0.1:1"), "a", "b")) {
            assertThatThrownBy(() -> new S3Bucket(nowhere, "test-bucket").head("k"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("s3://test-bucket/k")
                    .satisfies(e -> assertThat(((StorageException) e).isTransient()).isTrue());
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
