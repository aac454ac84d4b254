package com.podcartoes.lake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.testing.TestLakes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClassDataArchiveTest {
    private final Path home = TestLakes.newLakeHome("class-data");

    @Test
    void aSucceededJobsRecordingIsMappedByTheNextJobsOfTheSameBuild() throws Exception {
        Path jar = Files.writeString(home.resolve("jobs.jar"), "v1");
        ClassDataArchive archive = new ClassDataArchive(home.resolve("cache"));

        ClassDataArchive.Use first = archive.use(jar.toString());
        assertThat(first.option()).startsWith("-XX:ArchiveClassesAtExit=");
        Files.writeString(recording(first), "archived classes"); // what the JVM writes at its exit
        first.completed(true);

        ClassDataArchive.Use second = archive.use(jar.toString());
        assertThat(second.option()).startsWith("-XX:SharedArchiveFile=");
        assertThat(Files.readString(Path.of(second.option().substring("-XX:SharedArchiveFile=".length()))))
                .isEqualTo("archived classes");
        try (var files = Files.list(home.resolve("cache"))) {
            assertThat(files).hasSize(1); // no recording left behind
        }

        // A rebuilt jar is another build: a new archive is recorded for it.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(archive.use(jar.toString()).option()).startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void aFailedJobsRecordingIsDropped() throws Exception {
        Path jar = Files.writeString(home.resolve("jobs.jar"), "v1");
        ClassDataArchive archive = new ClassDataArchive(home.resolve("cache"));
        ClassDataArchive.Use use = archive.use(jar.toString());
        Files.writeString(recording(use), "half");
        use.completed(false);

        assertThat(archive.use(jar.toString()).option()).startsWith("-XX:ArchiveClassesAtExit=");
        try (var files = Files.list(home.resolve("cache"))) {
            assertThat(files).isEmpty();
        }
    }

    private static Path recording(ClassDataArchive.Use use) {
        return Path.of(use.option().substring("-XX:ArchiveClassesAtExit=".length()));
    }
}
