package com.podcartoes.lake.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Runs a Spark job of spark-jobs in a child JVM, Spark in local mode bound to 127.0.0.1: Spark never shares the
 * CLI's or the console's JVM. The classpath and JVM options come from the spark-jobs build
 * ({@code target/spark-classpath.txt}, {@code spark-jvm-options.txt}). The step's stdout and stderr are kept,
 * gzipped, in the layout EMR uses for step logs ({@code <logs>/<cluster>/steps/<step>/stdout.gz}).
 *
 * <p>First piece of the runners (the full runner model, EMR and orchestration come with their own issue).
 */
public final class LocalSparkRunner {
    /** What a step ended with: the exit code, and its output (stdout and stderr as written). */
    public record StepResult(int exitCode, String stdout, String stderr, Path logDir) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** The job's one-line failure reason (it prints "FAILED: ..." on stderr), or the last stderr line. */
        public String failure() {
            return stderr.lines().filter(l -> l.startsWith("FAILED: ")).map(l -> l.substring(8)).findFirst()
                    .orElseGet(() -> stderr.lines().reduce((a, b) -> b).orElse("exit code " + exitCode));
        }
    }

    private final Path sparkJobsDir;
    private final String master;
    private final String driverMemory;
    private final ClassDataArchive classData;

    /**
     * @param sparkJobsDir the spark-jobs module, built ({@code mvn package}), e.g. {@code <repo>/spark-jobs}
     * @param cacheDir     where class-data archives of the job JVM are kept (see {@link ClassDataArchive}), or
     *                     null to start every job from the jars
     */
    public LocalSparkRunner(Path sparkJobsDir, String master, String driverMemory, Path cacheDir) {
        this.sparkJobsDir = sparkJobsDir;
        this.master = master;
        this.driverMemory = driverMemory;
        this.classData = cacheDir == null ? null : new ClassDataArchive(cacheDir);
    }

    /** The spark-jobs module of this checkout: {@code -Dlake.root} (set by ./lake), else beside the working dir. */
    public static Path defaultSparkJobsDir() {
        String root = System.getProperty("lake.root");
        Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path candidate : List.of(base.resolve("spark-jobs"), base.resolveSibling("spark-jobs"))) {
            if (Files.isRegularFile(candidate.resolve("target/spark-classpath.txt"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("The Spark jobs are not built: run 'mvn -B -DskipTests package' in the"
                + " repository (looked for spark-jobs/target/spark-classpath.txt under " + base + ")");
    }

    /** The job JVM's command line, and the class-data archive it writes at its exit (if it does). */
    record Command(List<String> arguments, ClassDataArchive.Use classData) {
    }

    Command command(String mainClass, List<String> args) {
        try {
            String classpath = jobsJar() + java.io.File.pathSeparator
                    + Files.readString(sparkJobsDir.resolve("target/spark-classpath.txt")).trim();
            String options = Files.readString(sparkJobsDir.resolve(
                    "target/classes/com/podcartoes/lake/layout/spark-jvm-options.txt")).trim();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // A batch job: the whole heap up front and the throughput collector (fewer, cheaper collections).
            command.add("-Xmx" + driverMemory);
            command.add("-Xms" + driverMemory);
            command.add("-XX:+UseParallelGC");
            ClassDataArchive.Use classDataUse = classData == null ? null : classData.use(classpath);
            if (classDataUse != null) {
                command.add(classDataUse.option());
                command.add("-Xlog:cds=off"); // the archive's notes about classes it cannot hold are noise
            }
            command.addAll(List.of(options.split("\\s+")));
            command.add("-Dspark.master=" + master);
            command.add("-Dspark.driver.bindAddress=127.0.0.1");
            command.add("-Dspark.driver.host=127.0.0.1");
            command.add("-Dspark.ui.enabled=false");
            command.add("-cp");
            command.add(classpath);
            command.add(mainClass);
            command.addAll(args);
            return new Command(command, classDataUse);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Spark jobs' build output in " + sparkJobsDir, e);
        }
    }

    /** The jobs' jar ({@code mvn package}); the JVM can only archive classes that come from jars. */
    private Path jobsJar() throws IOException {
        try (var files = Files.list(sparkJobsDir.resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("spark-jobs-.*\\.jar")
                            && !f.getFileName().toString().matches(".*-(tests|sources|javadoc)\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("The Spark jobs' jar is missing: run 'mvn -B"
                            + " -DskipTests package' in the repository (looked in " + sparkJobsDir.resolve("target")
                            + ")"));
        }
    }

    /** Runs the job to its end; its logs go to {@code logDir} (stdout.gz, stderr.gz). */
    public StepResult run(String mainClass, List<String> args, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path stdout = logDir.resolve("stdout");
            Path stderr = logDir.resolve("stderr");
            Command command = command(mainClass, args);
            Process process = new ProcessBuilder(command.arguments())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // cancelling the step kills the child
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: the Spark job " + mainClass + " was stopped", e);
            }
            if (command.classData() != null) {
                command.classData().completed(process.exitValue() == 0);
            }
            String out = Files.readString(stdout, StandardCharsets.UTF_8);
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            gzip(stdout);
            gzip(stderr);
            return new StepResult(process.exitValue(), out, err, logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run the Spark job " + mainClass, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void gzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(file.resolveSibling(file.getFileName()
                     + ".gz")))) {
            in.transferTo(out);
        }
        Files.delete(file);
    }
}
