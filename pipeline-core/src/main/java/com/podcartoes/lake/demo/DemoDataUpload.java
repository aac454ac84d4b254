package com.podcartoes.lake.demo;

import com.podcartoes.lake.s3.S3Bucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Generates demo extracts into a temporary directory and uploads them to the source bucket at their keys. */
public final class DemoDataUpload {
    private DemoDataUpload() {
    }

    public static DemoDataSummary generate(DemoDataOptions options, S3Bucket source, Path scratchDir) {
        try {
            Files.createDirectories(scratchDir);
            Path dir = Files.createTempDirectory(scratchDir, "demo-data");
            try {
                DemoDataSummary summary = new DemoDataGenerator(options).writeTo(dir);
                for (DemoDataSummary.GeneratedFile file : summary.files()) {
                    source.putFile(dir.resolve(file.key()), file.key());
                }
                return summary;
            } finally {
                deleteRecursively(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare demo data in " + scratchDir, e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
