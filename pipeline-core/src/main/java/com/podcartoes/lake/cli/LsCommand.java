package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.s3.S3Uri;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lake ls}: objects and prefixes with sizes and dates, like {@code aws s3 ls}. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"List objects under an s3:// prefix (sizes in bytes, local dates).",
                "Without an address, lists the profile's source and lake buckets."})
final class LsCommand implements Callable<Integer> {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @ParentCommand
    LakeCli root;

    @Parameters(arity = "0..1", paramLabel = "s3://BUCKET/PREFIX", description = "Where to list.")
    String address;

    @Option(names = {"-r", "--recursive"}, description = "List every object below the prefix.")
    boolean recursive;

    @Option(names = {"-H", "--human-readable"}, description = "Sizes in KiB, MiB, GiB.")
    boolean human;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        S3Uri uri = address == null ? null : S3Uri.parse(address);
        try (LakeContext lake = root.openLake()) {
            if (uri == null) {
                out.printf("s3://%s/    (source)%n", lake.source().name());
                out.printf("s3://%s/    (lake)%n", lake.lake().name());
                return 0;
            }
            S3Bucket bucket = lake.bucket(uri.bucket());
            List<S3Entry> entries = bucket.list(uri.key(), recursive);
            long objects = 0;
            long bytes = 0;
            for (S3Entry entry : entries) {
                if (entry.isPrefix()) {
                    out.printf("%19s %12s %s%n", "", "PRE", entry.key());
                } else {
                    objects++;
                    bytes += entry.size();
                    out.printf("%19s %12s %s%n", DATE.format(entry.lastModified()), size(entry.size()), entry.key());
                }
            }
            out.printf("%nTotal objects: %,d%nTotal size: %s%n", objects, size(bytes));
            return 0;
        }
    }

    private String size(long bytes) {
        return human ? Sizes.human(bytes) : Long.toString(bytes);
    }
}
