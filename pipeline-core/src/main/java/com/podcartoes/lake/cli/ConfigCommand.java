package com.podcartoes.lake.cli;

import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.config.ProfileKind;
import com.podcartoes.lake.config.Setting;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake config}: the active profile's effective settings and where each comes from. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show the active profile's settings and their origin (default, file or environment).")
final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @Option(names = "--keys", description = "List every key with its meaning, defaults and environment variable.")
    boolean keys;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        if (keys) {
            for (Setting setting : Setting.values()) {
                out.printf("%s%n    %s%n    default: local '%s', aws '%s'; environment: %s%n", setting.key(),
                        setting.description(), setting.defaultFor(ProfileKind.LOCAL),
                        setting.defaultFor(ProfileKind.AWS), setting.environmentVariable());
            }
            return 0;
        }
        LakeConfig config = root.config();
        out.printf("profile: %s (%s)%nlake home: %s%nconfig file: %s%n%n", config.profile(), config.kind().id(),
                config.lakeHome(), config.configFile().map(Object::toString).orElse("(none)"));
        for (Setting setting : Setting.values()) {
            out.printf("%-28s = %-24s # %s%n", setting.key(), config.get(setting), config.origin(setting));
        }
        if (config.usesEmbeddedServer()) {
            out.printf("%nS3: embedded server on 127.0.0.1, data in %s%n", config.embeddedDataDir());
        }
        return 0;
    }
}
