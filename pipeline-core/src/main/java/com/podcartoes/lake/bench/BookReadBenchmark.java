package com.podcartoes.lake.bench;

import com.podcartoes.lake.config.ConfigLoader;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.refined.BookReader;
import java.util.List;
import java.util.Random;

/**
 * Reads one client's book row of a month, again and again for different clients, in one JVM, as the console does
 * (bench/book-read.sh, on the lake bench/book.sh leaves): prints each read's time, the first one in a cold JVM.
 * Figures only: nothing here asserts a time.
 */
public final class BookReadBenchmark {
    private BookReadBenchmark() {
    }

    public static void main(String[] args) {
        int reads = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long clients = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
        try (LakeContext lake = LakeContext.open(ConfigLoader.fromSystemEnvironment().load(null, null),
                System.err::println)) {
            BookReader reader = new BookReader(lake.tables());
            List<String> months = reader.months();
            if (months.isEmpty()) {
                throw new IllegalStateException("no book in this lake: run bench/book.sh first (LAKE_HOME)");
            }
            String ref = months.get(months.size() - 1);
            Random random = new Random(42);
            for (int i = 0; i < reads; i++) {
                long client = 1 + (long) (random.nextDouble() * clients);
                long started = System.nanoTime();
                long[] found = {0};
                reader.read(ref, client, record -> found[0]++);
                System.out.printf("read %2d: client %,d of %s, %d row(s) in %.2f s%s%n", i + 1, client, ref, found[0],
                        (System.nanoTime() - started) / 1e9, i == 0 ? " (cold JVM)" : "");
            }
        }
    }
}
