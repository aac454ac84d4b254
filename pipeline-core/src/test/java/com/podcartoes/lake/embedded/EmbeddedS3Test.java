package com.podcartoes.lake.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Clients;
import com.podcartoes.lake.s3.S3Location;
import com.podcartoes.lake.testing.TestLakes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class EmbeddedS3Test {
    private final Path home = TestLakes.newLakeHome("embedded");

    private static S3Bucket bucket(EmbeddedS3 server, String name, S3Client[] holder) {
        holder[0] = S3Clients.create(new S3Location(name, "us-east-1", Optional.of(server.endpoint()),
                Optional.empty()), S3Clients.staticCredentials(server.credentials().accessKey(),
                server.credentials().secretKey()));
        return new S3Bucket(holder[0], name);
    }

    @Test
    void bindsToLoopbackAndKeepsObjectsAcrossRestarts() {
        S3Client[] client = new S3Client[1];
        try (EmbeddedS3 server = EmbeddedS3.startOrAttach(home.resolve("s3"), home)) {
            assertThat(server.isOwner()).isTrue();
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(server.endpoint().getPort()).isPositive();
            S3Bucket bucket = bucket(server, "kept", client);
            bucket.createIfMissing();
            bucket.putBytes("a/b.txt", "survives".getBytes(StandardCharsets.UTF_8), "text/plain");
            client[0].close();
        }
        assertThat(home.resolve("embedded-s3.endpoint")).doesNotExist();

        try (EmbeddedS3 again = EmbeddedS3.startOrAttach(home.resolve("s3"), home)) {
            S3Bucket bucket = bucket(again, "kept", client);
            assertThat(new String(bucket.getBytes("a/b.txt"), StandardCharsets.UTF_8)).isEqualTo("survives");
            client[0].close();
        }
    }

    @Test
    void secondOpenerOnTheSameHomeAttachesToTheRunningServer() throws Exception {
        try (EmbeddedS3 owner = EmbeddedS3.startOrAttach(home.resolve("s3"), home);
             EmbeddedS3 guest = EmbeddedS3.startOrAttach(home.resolve("s3"), home)) {
            assertThat(guest.isOwner()).isFalse();
            assertThat(guest.endpoint()).isEqualTo(owner.endpoint());
            assertThat(Files.readString(home.resolve("embedded-s3.endpoint")).trim())
                    .isEqualTo(owner.endpoint().toString());
            guest.close(); // a guest's close leaves the owner's server running
            S3Client[] client = new S3Client[1];
            S3Bucket bucket = bucket(owner, "still-up", client);
            bucket.createIfMissing();
            assertThat(bucket.exists()).isTrue();
            client[0].close();
        }
    }

    @Test
    void eachLakeHomeHasItsOwnKeysAndOnlyItsOwnerCanReadThem() throws Exception {
        Path other = TestLakes.newLakeHome("embedded-other");
        EmbeddedS3.Credentials first;
        try (EmbeddedS3 server = EmbeddedS3.startOrAttach(home.resolve("s3"), home);
             EmbeddedS3 guest = EmbeddedS3.startOrAttach(home.resolve("s3"), home)) {
            first = server.credentials();
            assertThat(guest.credentials()).isEqualTo(first); // attached processes sign with the same pair
            assertThat(first.accessKey()).startsWith("pod-lake-").hasSize("pod-lake-".length() + 12);
            assertThat(first.secretKey()).hasSize(40);
            assertThat(first.toString()).doesNotContain(first.secretKey());
            assertThat(Files.getPosixFilePermissions(home)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            for (String file : List.of("embedded-s3.credentials", "embedded-s3.endpoint", "embedded-s3.lock")) {
                assertThat(Files.getPosixFilePermissions(home.resolve(file))).as(file)
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
            try (var files = Files.list(home)) { // written beside and moved: no temporary file left
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
        try (EmbeddedS3 again = EmbeddedS3.startOrAttach(home.resolve("s3"), home);
             EmbeddedS3 elsewhere = EmbeddedS3.startOrAttach(other.resolve("s3"), other)) {
            assertThat(again.credentials()).isEqualTo(first); // kept across restarts
            assertThat(elsewhere.credentials().secretKey()).isNotEqualTo(first.secretKey());
        }
    }

    @Test
    void whenTheOwnerExitsAnAttachedProcessServesOnTheSamePortAndItsClientsCarryOn() throws Exception {
        S3Client[] client = new S3Client[1];
        EmbeddedS3 owner = EmbeddedS3.startOrAttach(home.resolve("s3"), home);
        try (EmbeddedS3 guest = EmbeddedS3.startOrAttach(home.resolve("s3"), home)) {
            assertThat(guest.isOwner()).isFalse();
            S3Bucket bucket = bucket(guest, "handed-over", client); // the console's client, say
            bucket.createIfMissing();
            bucket.putBytes("before.txt", "1".getBytes(StandardCharsets.UTF_8), "text/plain");

            owner.close(); // the CLI that started the server ends
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!guest.isOwner() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(guest.isOwner()).isTrue();
            assertThat(Files.readString(home.resolve("embedded-s3.endpoint")).trim())
                    .isEqualTo(guest.endpoint().toString());
            bucket.putBytes("after.txt", "2".getBytes(StandardCharsets.UTF_8), "text/plain"); // same client
            assertThat(bucket.list("", true)).extracting(com.podcartoes.lake.s3.S3Entry::key)
                    .containsExactly("after.txt", "before.txt");
            client[0].close();
        } finally {
            owner.close();
        }
        assertThat(home.resolve("embedded-s3.endpoint")).doesNotExist(); // the new owner stopped cleanly too
    }
}
