package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.s3.S3Uri;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lake cp}: a local file to S3, S3 to a local file, or S3 to S3, like {@code aws s3 cp}. */
@Command(name = "cp", mixinStandardHelpOptions = true,
        description = {"Copy one file: local to s3://, s3:// to local, or s3:// to s3://.",
                "A destination ending in '/' (or an existing directory) keeps the source's file name."})
final class CpCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @Parameters(index = "0", paramLabel = "SRC", description = "Local path or s3://bucket/key.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Local path or s3://bucket/key.")
    String destination;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = root.spec.commandLine().getOut();
        boolean fromS3 = S3Uri.looksLikeS3(source);
        boolean toS3 = S3Uri.looksLikeS3(destination);
        if (!fromS3 && !toS3) {
            throw new IllegalArgumentException("one of SRC and DST must be an s3:// address; use cp for local files");
        }
        Path localSource = fromS3 ? null : Path.of(source);
        if (localSource != null && !Files.isRegularFile(localSource)) {
            throw new IllegalArgumentException("'" + source + "' is not a readable file");
        }
        S3Uri from = fromS3 ? S3Uri.parse(source) : null;
        String fileName = fromS3 ? from.name() : localSource.getFileName().toString();
        if (fromS3 && (from.key().isEmpty() || from.key().endsWith("/"))) {
            throw new IllegalArgumentException("'" + source + "' names a prefix, not an object");
        }
        try (LakeContext lake = root.openLake()) {
            if (toS3) {
                S3Uri to = S3Uri.parse(destination);
                String key = to.key().isEmpty() || to.key().endsWith("/") ? to.key() + fileName : to.key();
                S3Bucket target = lake.bucket(to.bucket());
                if (fromS3) {
                    copyBetweenBuckets(lake, from, target, key);
                    out.printf("copy: %s to s3://%s/%s%n", from, to.bucket(), key);
                } else {
                    target.putFile(localSource, key);
                    out.printf("upload: %s to s3://%s/%s%n", source, to.bucket(), key);
                }
            } else {
                Path target = Path.of(destination);
                if (Files.isDirectory(target) || destination.endsWith("/")) {
                    target = target.resolve(fileName);
                }
                S3Bucket bucket = lake.bucket(from.bucket());
                if (bucket.head(from.key()).isEmpty()) {
                    throw new IllegalArgumentException("no object at " + from);
                }
                bucket.getFile(from.key(), target);
                out.printf("download: %s to %s%n", from, target);
            }
            return 0;
        }
    }

    /** Streams through this machine: the two buckets may live behind different credentials. */
    private static void copyBetweenBuckets(LakeContext lake, S3Uri from, S3Bucket target, String key)
            throws java.io.IOException {
        S3Bucket sourceBucket = lake.bucket(from.bucket());
        S3Entry head = sourceBucket.head(from.key())
                .orElseThrow(() -> new IllegalArgumentException("no object at " + from));
        Path scratch = lake.scratchDir();
        Files.createDirectories(scratch);
        Path temp = Files.createTempFile(scratch, "cp", ".tmp");
        try {
            sourceBucket.getFile(head.key(), temp);
            target.putFile(temp, key);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
