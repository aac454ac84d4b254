package com.podcartoes.lake.cli;

import com.podcartoes.lake.book.BookVariables;
import com.podcartoes.lake.book.Variable;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.layout.SnapshotSummary;
import com.podcartoes.lake.refined.BookExport;
import com.podcartoes.lake.refined.BookReader;
import com.podcartoes.lake.refined.StageBookPairing;
import java.nio.file.Path;
import java.time.Instant;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake book}: export the book, and its data dictionary. */
@Command(name = "book", mixinStandardHelpOptions = true, description = "The feature book (0003_refined/book_fatura).",
        subcommands = {BookCommand.Export.class, BookCommand.Snapshots.class, BookCommand.Dictionary.class})
final class BookCommand extends GroupCommand {
    @ParentCommand
    LakeCli root;

    /** {@code lake book export}: one month, or one client's row, to a CSV or Parquet file. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a month of the book, or one client's row, to a single CSV or Parquet file:",
                    "id_cliente, ref, dt_proc, VAR_1..VAR_462 (or the dictionary's descriptive names)."})
    static final class Export implements Callable<Integer> {
        @ParentCommand
        BookCommand book;

        @Option(names = "--ref", required = true, paramLabel = "YYYYMM", description = "The reference month.")
        String ref;

        @Option(names = "--client", paramLabel = "ID", description = "Only this client's row.")
        Long client;

        @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
                description = "csv (default) or parquet.")
        String format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
        Path out;

        @Option(names = "--snapshot", paramLabel = "ID", description = "Read the book as of this snapshot (see"
                + " 'lake book snapshots').")
        Long snapshot;

        @Option(names = "--as-of", paramLabel = "TIME", description = "Read the book as it was at this instant"
                + " (ISO-8601, e.g. 2024-03-05T08:00:00Z).")
        Instant asOf;

        @Option(names = "--descriptive-names",
                description = "Name the columns like sum_vlr_fatura_no_prazo_u3m instead of VAR_n.")
        boolean descriptive;

        @Override
        public Integer call() {
            BookExport.Format chosen = BookExport.format(format);
            try (LakeContext lake = book.root.openLake()) {
                BookExport export = new BookExport(new BookReader(lake.tables()));
                long started = System.nanoTime();
                BookExport.Result result = export.export(ref, client, new BookReader.AsOf(snapshot, asOf), chosen,
                        descriptive ? BookExport.Names.DESCRIPTIVE : BookExport.Names.VARIABLES, out);
                book.root.spec.commandLine().getOut().printf("exported %,d book row(s) of %s to %s (%s) in %.2f s%n",
                        result.rows(), ref, result.file(), Sizes.human(result.bytes()),
                        (System.nanoTime() - started) / 1e9);
            }
            return 0;
        }
    }

    /** {@code lake book snapshots}: the book's commits, each with the months it replaced and its lineage. */
    @Command(name = "snapshots", mixinStandardHelpOptions = true,
            description = {"List the book's Iceberg snapshots, oldest first: when, which run, the months it replaced,",
                    "and the Trusted snapshots it was computed from (what 'export --snapshot' can read)."})
    static final class Snapshots implements Callable<Integer> {
        @ParentCommand
        BookCommand book;

        @Override
        public Integer call() {
            PrintWriter out = book.root.spec.commandLine().getOut();
            try (LakeContext lake = book.root.openLake()) {
                out.printf("%-20s %-20s %-26s %-8s %-20s %s%n", "SNAPSHOT", "COMMITTED", "RUN", "REFS", "WITH STAGE",
                        "FROM TRUSTED");
                for (org.apache.iceberg.Snapshot s : new BookReader(lake.tables()).snapshots()) {
                    var summary = s.summary();
                    out.printf("%-20d %-20s %-26s %-8s %-20s %s%n", s.snapshotId(),
                            Instant.ofEpochMilli(s.timestampMillis()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                            summary.getOrDefault(SnapshotSummary.RUN_ID, "-"), summary.getOrDefault(SnapshotSummary.REFS, "-"),
                            summary.getOrDefault(SnapshotSummary.STAGE_SNAPSHOT, "-"),
                            summary.getOrDefault(SnapshotSummary.TRUSTED_SNAPSHOTS, "-"));
                }
                out.println("now: " + StageBookPairing.of(lake.tables()).sentence());
            }
            return 0;
        }
    }

    /** {@code lake book dictionary}: every variable, from the definitions the book job computes with. */
    @Command(name = "dictionary", mixinStandardHelpOptions = true,
            description = "Print the data dictionary of the 462 book variables.")
    static final class Dictionary implements Callable<Integer> {
        @ParentCommand
        BookCommand book;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                description = "table (default), csv or markdown.")
        String format;

        @Option(names = "--var", paramLabel = "N", description = "Only VAR_N.")
        Integer number;

        @Override
        public Integer call() {
            PrintWriter out = book.root.spec.commandLine().getOut();
            if (number != null) {
                if (number < 1 || number > BookVariables.ALL.size()) {
                    throw new IllegalArgumentException("--var must be between 1 and " + BookVariables.ALL.size());
                }
                Variable v = BookVariables.byNumber(number);
                out.printf("%s  %s  %s%n  %s%n", v.name(), v.descriptiveName(), v.type().sql(), v.definition());
                return 0;
            }
            switch (format) {
                case "csv" -> out.print(BookVariables.dictionaryCsv());
                case "markdown" -> out.print(BookVariables.dictionaryMarkdown());
                case "table" -> BookVariables.ALL.forEach(v -> out.printf("%-8s %-40s %-14s %s%n", v.name(),
                        v.descriptiveName(), v.type().sql(), v.definition()));
                default -> throw new IllegalArgumentException("--format must be table, csv or markdown, got '"
                        + format + "'");
            }
            return 0;
        }
    }
}
