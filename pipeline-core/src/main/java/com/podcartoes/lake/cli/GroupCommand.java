package com.podcartoes.lake.cli;

import picocli.CommandLine;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code lake run}, {@code lake book}): alone it is a usage error. */
abstract class GroupCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing a subcommand: see 'lake " + spec.name() + " --help'.");
    }
}
