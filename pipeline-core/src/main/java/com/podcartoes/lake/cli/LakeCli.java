package com.podcartoes.lake.cli;

import com.podcartoes.lake.config.ConfigException;
import com.podcartoes.lake.config.ConfigLoader;
import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.FlowBusyException;
import com.podcartoes.lake.s3.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code lake} command. Every subcommand works on the active profile ({@code --profile}, {@code LAKE_PROFILE},
 * default {@code local}); on the local profile the embedded S3 server is started for the command unless a console
 * on the same lake home already runs one.
 */
@Command(name = "lake", mixinStandardHelpOptions = true, versionProvider = LakeCli.Version.class,
        description = "PoD Lake: ingest PoD Cartões' extracts and build the Trusted and Refined layers.",
        subcommands = {RunCommand.class, RunsCommand.class, LogsCommand.class, ClustersCommand.class,
                SchedulerCommand.class,
                CancelCommand.class, StatusCommand.class, SetupCommand.class, DoctorCommand.class, IamPolicyCommand.class, MaintainCommand.class, BookCommand.class,
                DemoDataCommand.class,
                LsCommand.class, CpCommand.class, ServeCommand.class, ConfigCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed (S3, I/O)", "2:invalid command line",
                "3:configuration missing or invalid"})
public final class LakeCli implements Runnable {
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CONFIG_ERROR = 3;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Profile to use: local (default, embedded lake), aws, or one declared in the config file.")
    String profile;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (default: $LAKE_CONFIG, else <lake home>/lake.properties if present).")
    Path configFile;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of errors.")
    boolean verbose;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    public LakeCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(System.getenv(), out, err, args));
    }

    /** Runs one command line; returns the exit code. Tests call this with their own environment and writers. */
    public static int run(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        LakeCli root = new LakeCli(environment);
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> handle(root, e, cmd.getErr()));
        return commandLine.execute(args);
    }

    private static int handle(LakeCli root, Exception e, PrintWriter err) {
        int code;
        String message;
        if (e instanceof ConfigException) {
            code = CONFIG_ERROR;
            message = "Configuration error: " + e.getMessage();
        } else if (e instanceof IllegalArgumentException) {
            code = USAGE;
            message = "Invalid argument: " + e.getMessage();
        } else if (e instanceof StorageException || e instanceof UncheckedIOException
                || e instanceof FlowBusyException) {
            code = FAILED;
            message = e.getMessage();
        } else {
            code = FAILED;
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        err.println("lake: " + message);
        if (root.verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: see 'lake --help'.");
    }

    LakeConfig config() {
        return new ConfigLoader(environment).load(profile, configFile);
    }

    /** Opens the profile's lake for one command; notices (such as demo data generation) go to stderr. */
    LakeContext openLake() {
        PrintWriter err = spec.commandLine().getErr();
        return LakeContext.open(config(), notice -> {
            err.println(notice);
            err.flush();
        });
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = LakeCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"lake " + properties.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
