package com.podcartoes.lake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Spark standalone cluster for tests: a master and a worker JVM on 127.0.0.1, from the spark-jobs build's
 * classpath. The worker starts executors from {@code $SPARK_HOME/jars}, so a Spark home is laid out with links to
 * the same jars.
 */
public final class SparkStandaloneCluster implements AutoCloseable {
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final int masterPort = freePort();

    public SparkStandaloneCluster(Path dir) {
        this.dir = dir;
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    public Path workDir() {
        return dir.resolve("work");
    }

    public void start(Path sparkJobsDir) throws Exception {
        String classpath = Files.readString(sparkJobsDir.resolve("target/spark-classpath.txt")).trim();
        String options = Files.readString(sparkJobsDir.resolve(
                "target/classes/com/podcartoes/lake/layout/spark-jvm-options.txt")).trim();
        Path jars = dir.resolve("spark-home/jars");
        Files.createDirectories(jars);
        for (String jar : classpath.split(java.io.File.pathSeparator)) {
            Path link = jars.resolve(Path.of(jar).getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, Path.of(jar));
            }
        }
        Files.createDirectories(workDir());
        start("master", classpath, options, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
        start("worker", classpath, options, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()), "--cores", "2",
                "--memory", "2g", "--work-dir", workDir().toString(), masterUrl());
        awaitLog("worker", "Successfully registered with master", 90);
    }

    private void start(String name, String classpath, String options, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(List.of(options.split("\\s+")));
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_NO_DAEMONIZE", "1");
        builder.environment().put("SPARK_SCALA_VERSION", "2.13"); // else it looks for a Spark source build
        processes.add(builder.start());
    }

    private void awaitLog(String name, String line, int seconds) throws Exception {
        Path log = dir.resolve(name + ".log");
        for (int i = 0; i < seconds * 10; i++) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the Spark " + name + " did not start: " + Files.readString(log));
    }

    /** The worker's log: which applications it ran executors for. */
    public String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
