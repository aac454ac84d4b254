package com.podcartoes.lake.cli;

import com.podcartoes.lake.book.BookVariables;
import com.podcartoes.lake.book.Variable;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake book}: the book's data dictionary (the export of book rows comes with the job runners). */
@Command(name = "book", mixinStandardHelpOptions = true, description = "The feature book (0003_refined/book_fatura).",
        subcommands = {BookCommand.Dictionary.class})
final class BookCommand extends GroupCommand {
    @ParentCommand
    LakeCli root;

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
