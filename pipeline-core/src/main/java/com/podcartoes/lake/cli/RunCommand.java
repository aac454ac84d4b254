package com.podcartoes.lake.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lake run <flow>}: runs a flow's stages on the active profile, recording each in the lake. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a flow (or some of its stages).",
        subcommands = {RunIngestionCommand.class})
final class RunCommand implements Runnable {
    @ParentCommand
    LakeCli root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a flow: see 'lake run --help'.");
    }
}
