package com.podcartoes.lake.spark;

import com.podcartoes.lake.compute.ClusterInfo;
import com.podcartoes.lake.compute.ClusterState;
import com.podcartoes.lake.compute.LogStream;
import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.compute.StepInfo;
import com.podcartoes.lake.compute.StepSpec;
import com.podcartoes.lake.compute.StepState;
import com.podcartoes.lake.jobs.common.FaultPoints;
import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.layout.LakeLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The local backend: each step is a child JVM running a spark-jobs entry point, Spark in local mode bound to
 * 127.0.0.1 (Spark never shares the CLI's or the console's JVM). A "cluster" is one flow run on this machine. The
 * step's stdout and stderr, and a controller log of what was started and how it ended, go where EMR puts them:
 * {@code <lake>/0004_logs/<cluster>/steps/<step>/stdout.gz}. The state of clusters and steps is kept beside the logs
 * ({@code cluster.json}, {@code step.json}), so another process (a second console, {@code lake cancel}) sees and
 * cancels them; a step whose process vanished without a word (a crash) reads as INTERRUPTED.
 */
public final class LocalSparkRunner implements SparkRunner {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The built spark-jobs module's resources that describe the job JVM. */
    private static final String LAYOUT_RESOURCES = "target/classes/com/podcartoes/lake/layout/";

    private final Path sparkJobsDir;
    private final String master;
    private final String driverMemory;
    private final ClassDataArchive classData;
    private final Path lakeDir;
    private final Clock clock;
    private final S3Access s3; // null: the jobs see the lake only as a directory

    /**
     * The embedded server's S3 API for the job JVM (S3A, path-style): with {@code viaS3} the jobs address the lake
     * as {@code s3a://bucket/}, as on EMR they address S3; either way they can read what the other mode wrote.
     * The key pair goes to the job JVM's environment, never its command line (which the controller log shows).
     */
    public record S3Access(URI endpoint, String bucket, String accessKey, String secretKey, boolean viaS3) {
        @Override
        public String toString() {
            return "S3Access[" + endpoint + ", " + bucket + ", via S3: " + viaS3 + "]";
        }
    }

    /**
     * @param sparkJobsDir the spark-jobs module, built ({@code mvn package}), e.g. {@code <repo>/spark-jobs}
     * @param cacheDir     where class-data archives of the job JVM are kept (see {@link ClassDataArchive}), or
     *                     null to start every job from the jars
     * @param lakeDir      the lake bucket's directory on this machine (the embedded server's data)
     */
    public LocalSparkRunner(Path sparkJobsDir, String master, String driverMemory, Path cacheDir, Path lakeDir,
                            Clock clock) {
        this(sparkJobsDir, master, driverMemory, cacheDir, lakeDir, clock, null);
    }

    /** @param s3 the embedded server's S3 API for the jobs, or null */
    public LocalSparkRunner(Path sparkJobsDir, String master, String driverMemory, Path cacheDir, Path lakeDir,
                            Clock clock, S3Access s3) {
        this.s3 = s3;
        this.sparkJobsDir = sparkJobsDir;
        this.master = master;
        this.driverMemory = driverMemory;
        this.classData = cacheDir == null ? null : new ClassDataArchive(cacheDir);
        this.lakeDir = lakeDir;
        this.clock = clock;
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

    @Override
    public String backend() {
        return "local";
    }

    @Override
    public String lakeUri() {
        return s3 != null && s3.viaS3() ? "s3a://" + s3.bucket() + "/" : lakeDir.toUri().toString();
    }

    // ---- clusters -------------------------------------------------------------------------------------------------

    @Override
    public String acquireCluster(String name) {
        String id = "local-" + ID_TIME.format(clock.instant()) + "-" + randomId(4);
        save(clusterFile(id), new ClusterInfo(id, name, ClusterState.WAITING, clock.instant(), clock.instant(), null,
                0, 0, null));
        return id;
    }

    @Override
    public void releaseCluster(String clusterId) {
        terminate(clusterId, "released by its flow");
    }

    @Override
    public void terminateCluster(String clusterId) {
        terminate(clusterId, "terminated by user request");
    }

    private void terminate(String clusterId, String reason) {
        ClusterInfo cluster = cluster(clusterId);
        for (StepInfo step : steps(clusterId)) {
            if (!step.state().isFinal()) {
                cancelStep(clusterId, step.id());
            }
        }
        if (cluster.state().isActive()) {
            save(clusterFile(clusterId), new ClusterInfo(cluster.id(), cluster.name(), ClusterState.TERMINATED,
                    cluster.createdAt(), cluster.readyAt(), clock.instant(), 0, 0, reason));
        }
    }

    @Override
    public List<ClusterInfo> clusters() {
        Path logs = lakeDir.resolve(LakeLayout.LOGS);
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(logs)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("local-"))
                    .map(d -> d.resolve("cluster.json"))
                    .filter(Files::isRegularFile)
                    .map(f -> read(f, ClusterInfo.class))
                    .sorted(Comparator.comparing(ClusterInfo::createdAt).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the local clusters in " + logs, e);
        }
    }

    @Override
    public ClusterInfo cluster(String clusterId) {
        Path file = clusterFile(clusterId);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no local cluster " + clusterId + " (looked in " + file + ")");
        }
        return read(file, ClusterInfo.class);
    }

    // ---- steps ----------------------------------------------------------------------------------------------------

    /**
     * A step's record: what {@link StepInfo} says, plus the child's process id, a cancellation request, and the
     * process that watches the child and records its end (the one that started it).
     */
    /**
     * A step's state beside its logs. A process is known by its pid and its start time: once a process has ended
     * its pid can be reused, and a cancel or a liveness check must never take another process for the job.
     */
    record LocalStep(StepInfo info, long pid, boolean cancelRequested, long watcherPid, Instant pidStartedAt,
                     Instant watcherStartedAt) {
        LocalStep with(StepInfo newInfo, boolean cancel) {
            return new LocalStep(newInfo, pid, cancel, watcherPid, pidStartedAt, watcherStartedAt);
        }

        /**
         * The job's process, if it still runs: the same process (its start time) and a JVM (its executable, where
         * the system shows it), never a process that reused its pid.
         */
        Optional<ProcessHandle> job() {
            return same(pid, pidStartedAt).filter(h -> h.info().command().map(c -> Path.of(c).getFileName()
                    .toString().equals("java")).orElse(true));
        }

        boolean watcherAlive() {
            return same(watcherPid, watcherStartedAt).isPresent();
        }

        private static Optional<ProcessHandle> same(long pid, Instant startedAt) {
            if (pid <= 0) {
                return Optional.empty();
            }
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> startedAt == null || h.info().startInstant().map(startedAt::equals).orElse(false));
        }
    }

    private static final ProcessHandle SELF = ProcessHandle.current();
    private static final Instant SELF_STARTED = SELF.info().startInstant().orElse(null);

    private static LocalStep newStep(StepInfo info, Process process) {
        return new LocalStep(info, process == null ? 0 : process.pid(), false, SELF.pid(),
                process == null ? null : process.toHandle().info().startInstant().orElse(null), SELF_STARTED);
    }

    @Override
    public StepInfo addStep(String clusterId, StepSpec spec) {
        ClusterInfo cluster = cluster(clusterId);
        if (!cluster.state().isActive()) {
            throw new IllegalStateException("cluster " + clusterId + " is " + cluster.state());
        }
        String stepId = "s-" + randomId(12);
        Path dir = stepDir(clusterId, stepId);
        StepInfo pending = new StepInfo(stepId, clusterId, spec.name(), spec.mainClass(), spec.args(),
                StepState.PENDING, clock.instant(), null, null, null, null, null);
        try {
            Files.createDirectories(dir);
            save(dir.resolve("step.json"), newStep(pending, null));
            Command command = command(spec);
            Files.writeString(dir.resolve("controller"), clock.instant() + " INFO startExec '"
                    + String.join(" ", command.arguments()) + "'\n");
            ProcessBuilder builder = new ProcessBuilder(command.arguments())
                    .redirectOutput(dir.resolve("stdout").toFile())
                    .redirectError(dir.resolve("stderr").toFile());
            if (s3 != null) {
                builder.environment().put("AWS_ACCESS_KEY_ID", s3.accessKey());
                builder.environment().put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
                // The embedded server takes no streaming checksums (the SDK's default since 2.30).
                builder.environment().put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
                builder.environment().put("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
            }
            Process process = builder.start();
            StepInfo running = with(pending, StepState.RUNNING, clock.instant(), null, null, null);
            save(dir.resolve("step.json"), newStep(running, process));
            process.onExit().thenAccept(p -> finished(clusterId, stepId, p.exitValue(), command));
            return running;
        } catch (IOException e) {
            StepInfo failed = with(pending, StepState.FAILED, null, clock.instant(), "cannot start the job JVM",
                    e.getMessage());
            save(dir.resolve("step.json"), newStep(failed, null));
            return failed;
        }
    }

    /** When the child exits: its exit code and whether it was cancelled decide the state; logs are gzipped. */
    private synchronized void finished(String clusterId, String stepId, int exitCode, Command command) {
        Path dir = stepDir(clusterId, stepId);
        LocalStep step = read(dir.resolve("step.json"), LocalStep.class);
        if (command.classData() != null) {
            command.classData().completed(exitCode == 0);
        }
        StepInfo ended;
        if (exitCode == 0) {
            ended = with(step.info(), StepState.COMPLETED, null, clock.instant(), null, null);
        } else if (step.cancelRequested()) {
            ended = with(step.info(), StepState.CANCELLED, null, clock.instant(), null, null);
        } else {
            ended = with(step.info(), StepState.FAILED, null, clock.instant(), failureOf(dir.resolve("stderr"),
                    exitCode), "exit code " + exitCode);
        }
        try {
            Files.writeString(dir.resolve("controller"), clock.instant() + " INFO Step " + ended.state()
                    + " with exit code " + exitCode + "\n", java.nio.file.StandardOpenOption.APPEND);
            for (String name : List.of("stdout", "stderr", "controller")) {
                gzip(dir.resolve(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the logs of step " + stepId, e);
        }
        save(dir.resolve("step.json"), step.with(ended, step.cancelRequested()));
    }

    /** The job's one-line failure reason (it prints "FAILED: ..." on stderr), or the last stderr line. */
    private static String failureOf(Path stderr, int exitCode) {
        try (Stream<String> lines = Files.lines(stderr, StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            return all.stream().filter(l -> l.startsWith("FAILED: ")).map(l -> l.substring(8)).findFirst()
                    .orElseGet(() -> all.isEmpty() ? "exit code " + exitCode : all.get(all.size() - 1));
        } catch (IOException | UncheckedIOException e) {
            return "exit code " + exitCode;
        }
    }

    private static StepInfo with(StepInfo s, StepState state, java.time.Instant started, java.time.Instant ended,
                                 String reason, String message) {
        return new StepInfo(s.id(), s.clusterId(), s.name(), s.mainClass(), s.args(), state, s.createdAt(),
                started != null ? started : s.startedAt(), ended != null ? ended : s.endedAt(), reason, message,
                reason == null ? null : s.clusterId() + "/steps/" + s.id() + "/stderr.gz");
    }

    @Override
    public StepInfo step(String clusterId, String stepId) {
        Path file = stepDir(clusterId, stepId).resolve("step.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no step " + stepId + " on " + clusterId);
        }
        LocalStep step = read(file, LocalStep.class);
        StepInfo info = step.info();
        // Interrupted only when both the job and the process that watches it are gone: a job that just ended has
        // its end recorded by its watcher a moment later.
        if (!info.state().isFinal() && step.job().isEmpty() && !step.watcherAlive()) {
            return with(info, StepState.INTERRUPTED, null, null, "the job's process ended unobserved",
                    "the process that ran it stopped before the job ended");
        }
        return info;
    }

    @Override
    public List<StepInfo> steps(String clusterId) {
        Path dir = lakeDir.resolve(LakeLayout.LOGS).resolve(clusterId).resolve("steps");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> steps = Files.list(dir)) {
            return steps.filter(d -> Files.isRegularFile(d.resolve("step.json")))
                    .map(d -> step(clusterId, d.getFileName().toString()))
                    .sorted(Comparator.comparing(StepInfo::createdAt))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the steps of " + clusterId, e);
        }
    }

    @Override
    public synchronized void cancelStep(String clusterId, String stepId) {
        Path file = stepDir(clusterId, stepId).resolve("step.json");
        LocalStep step = read(file, LocalStep.class);
        if (step.info().state().isFinal()) {
            return;
        }
        save(file, step.with(with(step.info(), StepState.CANCEL_PENDING, null, null, null, null), true));
        step.job().ifPresent(ProcessHandle::destroy); // only our job: never a process that reused its pid
    }

    @Override
    public Optional<String> log(String clusterId, String stepId, LogStream stream) {
        Path dir = stepDir(clusterId, stepId);
        String name = stream.fileName().replace(".gz", "");
        try {
            if (Files.isRegularFile(dir.resolve(name + ".gz"))) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(name + ".gz")))) {
                    return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            if (Files.isRegularFile(dir.resolve(name))) { // still running: the log as written so far
                return Optional.of(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the " + name + " log of step " + stepId, e);
        }
    }

    /** The step's log directory, EMR's layout. */
    public Path stepDir(String clusterId, String stepId) {
        return lakeDir.resolve(LakeLayout.LOGS).resolve(clusterId).resolve("steps").resolve(stepId);
    }

    private Path clusterFile(String clusterId) {
        return lakeDir.resolve(LakeLayout.LOGS).resolve(clusterId).resolve("cluster.json");
    }

    // ---- the job JVM ----------------------------------------------------------------------------------------------

    /** The job JVM's command line, and the class-data archive it writes at its exit (if it does). */
    record Command(List<String> arguments, ClassDataArchive.Use classData) {
    }

    Command command(StepSpec spec) {
        try {
            String classpath = jobsJar() + java.io.File.pathSeparator
                    + Files.readString(sparkJobsDir.resolve("target/spark-classpath.txt")).trim();
            String options = Files.readString(sparkJobsDir.resolve(LAYOUT_RESOURCES + "spark-jvm-options.txt")).trim();
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
            command.addAll(jitOptions(spec.length()));
            for (String fault : List.of(FaultPoints.PROPERTY, FaultPoints.MODE)) {
                if (System.getProperty(fault) != null) { // the fault-injection tests' hook, forwarded to the job
                    command.add("-D" + fault + "=" + System.getProperty(fault));
                }
            }
            command.add("-Dspark.master=" + master);
            command.add("-Dspark.driver.bindAddress=127.0.0.1");
            command.add("-Dspark.driver.host=127.0.0.1");
            command.add("-Dspark.ui.enabled=false");
            if (s3 != null) {
                // S3A on the embedded server: plain HTTP on 127.0.0.1, path-style, its one region.
                command.add("-Dspark.hadoop.fs.s3a.endpoint=" + s3.endpoint());
                command.add("-Dspark.hadoop.fs.s3a.endpoint.region=us-east-1");
                command.add("-Dspark.hadoop.fs.s3a.path.style.access=true");
                command.add("-Dspark.hadoop.fs.s3a.connection.ssl.enabled=false");
                command.add("-Dspark.hadoop.fs.s3a.aws.credentials.provider="
                        + "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider");
            }
            if (!master.startsWith("local")) {
                // A standalone cluster: its executors need the jobs jar and the same JDK 17 options.
                command.add("-Dspark.jars=" + jobsJar());
                command.add("-Dspark.executor.extraJavaOptions=" + options);
            }
            command.add("-cp");
            command.add(classpath);
            command.add(spec.mainClass());
            command.addAll(spec.args());
            return new Command(command, classDataUse);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Spark jobs' build output in " + sparkJobsDir, e);
        }
    }

    /** The compilers' options for a job of this length, from the jobs' {@code local-jit-options.properties}. */
    private List<String> jitOptions(StepSpec.Length length) throws IOException {
        Properties jit = new Properties();
        try (InputStream in = Files.newInputStream(sparkJobsDir.resolve(LAYOUT_RESOURCES
                + "local-jit-options.properties"))) {
            jit.load(in);
        }
        String options = jit.getProperty(length.name().toLowerCase(java.util.Locale.ROOT), "").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** The jobs' jar ({@code mvn package}); the JVM can only archive classes that come from jars. */
    public Path jobsJar() throws IOException {
        return jobsJar(sparkJobsDir);
    }

    /** The jar of a built spark-jobs module. */
    public static Path jobsJar(Path sparkJobsDir) throws IOException {
        try (var files = Files.list(sparkJobsDir.resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("spark-jobs-.*\\.jar")
                            && !f.getFileName().toString().matches(".*-(tests|sources|javadoc)\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("The Spark jobs' jar is missing: run 'mvn -B"
                            + " -DskipTests package' in the repository (looked in " + sparkJobsDir.resolve("target")
                            + ")"));
        }
    }

    // ---- files ----------------------------------------------------------------------------------------------------

    private static void save(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, Json.write(value));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return Json.read(Files.readAllBytes(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static void gzip(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(file.resolveSibling(file.getFileName()
                     + ".gz")))) {
            in.transferTo(out);
        }
        Files.delete(file);
    }

    private static String randomId(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
