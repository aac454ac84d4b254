package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.demo.DemoDataGenerator;
import com.podcartoes.lake.demo.DemoDataOptions;
import com.podcartoes.lake.demo.DemoDataSummary;
import com.podcartoes.lake.demo.DemoDataUpload;
import com.podcartoes.lake.demo.Mess;
import com.podcartoes.lake.layout.Subject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake demo-data}: generated extracts into the source bucket (or a local directory). */
@Command(name = "demo-data", mixinStandardHelpOptions = true,
        description = {"Generate source extracts shaped like the real ones into the source bucket's ingestion/.",
                "Deterministic for a seed: the same options write the same bytes."})
final class DemoDataCommand implements Callable<Integer> {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    @ParentCommand
    LakeCli root;

    @Option(names = "--clients", defaultValue = "" + DemoDataOptions.DEFAULT_CLIENTS, description = "Clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--months", defaultValue = "" + DemoDataOptions.DEFAULT_MONTHS, description = "Months of invoices (default: ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--first-month", defaultValue = "202301", paramLabel = "yyyyMM", description = "First emission month (default: ${DEFAULT-VALUE}).")
    String firstMonth;

    @Option(names = "--seed", defaultValue = "" + DemoDataOptions.DEFAULT_SEED, description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--messy", description = "All kinds of mess: ${COMPLETION-CANDIDATES}.")
    boolean messy;

    @Option(names = "--mess", split = ",", paramLabel = "KIND", description = "Only these kinds of mess: ${COMPLETION-CANDIDATES}.")
    Set<Mess> mess = EnumSet.noneOf(Mess.class);

    @Option(names = "--payments-after", paramLabel = "yyyyMM", description = "Month that LATE_PAYMENTS moves payments into (default: the last month).")
    String paymentsAfter;

    @Option(names = "--out", paramLabel = "DIR", description = "Write to this local directory instead of the source bucket.")
    Path out;

    @Override
    public Integer call() {
        DemoDataOptions options = new DemoDataOptions(clients, months, month(firstMonth, "--first-month"), seed,
                messy ? EnumSet.allOf(Mess.class) : mess,
                paymentsAfter == null ? null : month(paymentsAfter, "--payments-after"));
        DemoDataGenerator generator = new DemoDataGenerator(options);
        PrintWriter printer = root.spec.commandLine().getOut();
        DemoDataSummary summary;
        String where;
        if (out != null) {
            summary = generator.writeTo(out);
            where = out.toAbsolutePath().toString();
        } else {
            try (LakeContext lake = root.openLake()) {
                summary = DemoDataUpload.generate(options, lake.source(), lake.scratchDir());
                where = "s3://" + lake.source().name();
            }
        }
        for (DemoDataSummary.GeneratedFile file : summary.files()) {
            printer.printf("%s/%s  %,d records, %s%n", where, file.key(), file.records(), Sizes.human(file.bytes()));
        }
        printer.printf("%d files, %,d invoice records, %,d payment records, %s%n", summary.files().size(),
                summary.records(Subject.FATURAS), summary.records(Subject.PAGAMENTOS), Sizes.human(summary.bytes()));
        return 0;
    }

    private static YearMonth month(String text, String option) {
        try {
            return YearMonth.parse(text, MONTH);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be a month yyyyMM, got '" + text + "'");
        }
    }
}
