package com.podcartoes.lake.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lake run <flow>}: runs a flow's stages on the active profile, recording each in the lake. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a flow (or some of its stages).",
        subcommands = {RunIngestionCommand.class, RunProcessingCommand.class, RunAllCommand.class})
final class RunCommand extends GroupCommand {
    @ParentCommand
    LakeCli root;
}
