package com.podcartoes.lake.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded S3-compatible server of the local profile: S3Proxy with its filesystem store, bound to 127.0.0.1 on a
 * free port, keeping objects as plain files under {@code <dataDir>/<bucket>/<key>} (which is what local Spark jobs
 * read and write).
 *
 * <p>One process owns a data directory at a time, holding a file lock beside it and publishing its endpoint in
 * a small file. Another process on the same lake home (the CLI while the console runs) attaches to that server
 * instead of starting a second one on the same files. An attached process watches the server: when its owner exits
 * (the CLI ends while the console still runs), one of the attached processes takes the lock over and starts the
 * server again on the same port, so the clients already pointed at it carry on.
 */
public final class EmbeddedS3 implements AutoCloseable {
    /** The server's key pair: random per lake home, kept owner-only beside the lake. */
    public record Credentials(String accessKey, String secretKey) {
        @Override
        public String toString() {
            return "Credentials[accessKey=" + accessKey + ", secretKey=<hidden>]"; // never in a log by accident
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
    private static final String LOCK_FILE = "embedded-s3.lock";
    private static final String ENDPOINT_FILE = "embedded-s3.endpoint";
    private static final String CREDENTIALS_FILE = "embedded-s3.credentials";
    private static final Duration WATCH_EVERY = Duration.ofMillis(500);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dataDir;
    private final Path stateDir;
    private final URI endpoint;
    private final Credentials credentials;

    // Owner state: null while attached to another process's server; set when this process takes the server over.
    private volatile S3Proxy server;
    private FileChannel lockChannel;
    private FileLock lock;
    private final ScheduledExecutorService watch; // attached processes only

    private EmbeddedS3(Path dataDir, Path stateDir, URI endpoint, Credentials credentials, S3Proxy server,
                       FileChannel lockChannel, FileLock lock) {
        this.dataDir = dataDir;
        this.stateDir = stateDir;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.server = server;
        this.lockChannel = lockChannel;
        this.lock = lock;
        if (server == null) {
            watch = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "embedded-s3-watch");
                thread.setDaemon(true);
                return thread;
            });
            watch.scheduleWithFixedDelay(this::takeOverIfGone, WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            watch = null;
        }
    }

    /**
     * Starts a server on {@code dataDir}, or attaches to the one another process already runs there.
     *
     * @param stateDir where the lock and endpoint files live (the lake home)
     */
    public static EmbeddedS3 startOrAttach(Path dataDir, Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            restrict(stateDir, OWNER_ONLY_DIR); // the lake home: nobody else reads or writes the lake
            Files.createDirectories(dataDir);
            Path lockFile = stateDir.resolve(LOCK_FILE);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            restrict(lockFile, OWNER_ONLY_FILE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return attach(dataDir, stateDir);
            }
            try {
                Credentials credentials = credentials(stateDir);
                S3Proxy server = start(dataDir, credentials, 0);
                URI endpoint = URI.create("http://127.0.0.1:" + server.getPort());
                writeOwnerOnly(stateDir.resolve(ENDPOINT_FILE), endpoint + "\n");
                LOG.info("Embedded S3 server on {} serving {}", endpoint, dataDir);
                return new EmbeddedS3(dataDir, stateDir, endpoint, credentials, server, channel, lock);
            } catch (RuntimeException e) {
                lock.release();
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded S3 server's directory " + dataDir, e);
        }
    }

    /** The lake home's key pair: made on its first start (random, owner-only), read by every later process. */
    private static Credentials credentials(Path stateDir) throws IOException {
        Path file = stateDir.resolve(CREDENTIALS_FILE);
        if (!Files.isRegularFile(file)) {
            SecureRandom random = new SecureRandom();
            byte[] access = new byte[6];
            byte[] secret = new byte[30];
            random.nextBytes(access);
            random.nextBytes(secret);
            writeOwnerOnly(file, "accessKey=pod-lake-" + HexFormat.of().formatHex(access) + "\nsecretKey="
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n");
        }
        return readCredentials(file);
    }

    private static Credentials readCredentials(Path file) throws IOException {
        Properties values = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        }
        String access = values.getProperty("accessKey");
        String secret = values.getProperty("secretKey");
        if (access == null || secret == null || access.isBlank() || secret.isBlank()) {
            throw new IllegalStateException("The embedded S3 server's credentials in " + file + " are incomplete;"
                    + " remove the file (a new key pair is made at the next start)");
        }
        return new Credentials(access.trim(), secret.trim());
    }

    /** Written beside the target and moved into place: a reader sees the old content or the new, never half. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            restrict(temp, OWNER_ONLY_FILE);
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    /** The owner is gone (its server stopped answering): take the lock and serve again on the same port. */
    private synchronized void takeOverIfGone() {
        if (server != null || answers(endpoint)) {
            return;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(stateDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock taken;
            try {
                taken = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                taken = null; // the owner is in this JVM and still closing
            }
            if (taken == null) {
                channel.close(); // another attached process is taking over, or the owner is still stopping
                return;
            }
            S3Proxy started = start(dataDir, credentials, endpoint.getPort());
            writeOwnerOnly(stateDir.resolve(ENDPOINT_FILE), endpoint + "\n");
            lockChannel = channel;
            lock = taken;
            server = started;
            watch.shutdown();
            LOG.info("The embedded S3 server's owner exited: serving {} on {} from this process", dataDir, endpoint);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot take the embedded S3 server over on {}: {}", endpoint, e.getMessage());
            try {
                if (channel != null) {
                    channel.close(); // releases a lock taken before the failure; the next watch tries again
                }
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** @param port 0 for a free one */
    private static S3Proxy start(Path dataDir, Credentials credentials, int port) {
        S3Proxy server = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dataDir.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKey(),
                        credentials.secretKey())
                .ignoreUnknownHeaders(true)
                .build();
        try {
            server.start();
            Instant deadline = Instant.now().plusSeconds(30);
            while (!"STARTED".equals(server.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("embedded S3 server did not start within 30 s");
                }
                Thread.sleep(10);
            }
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded S3 server", e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded S3 server on " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    private static EmbeddedS3 attach(Path dataDir, Path stateDir) throws IOException {
        // The owner writes the endpoint just after taking the lock: give it a moment when both start together.
        Path endpointFile = stateDir.resolve(ENDPOINT_FILE);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            if (Files.isRegularFile(endpointFile)) {
                URI endpoint = URI.create(Files.readString(endpointFile, StandardCharsets.UTF_8).trim());
                if (answers(endpoint)) {
                    LOG.info("Using the embedded S3 server already running on {}", endpoint);
                    return new EmbeddedS3(dataDir, stateDir, endpoint,
                            readCredentials(stateDir.resolve(CREDENTIALS_FILE)), null, null, null);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Another process holds the local lake in " + stateDir
                        + " but its S3 server does not answer; stop that process or remove " + endpointFile);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the embedded S3 server", e);
            }
        }
    }

    private static boolean answers(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The key pair its clients sign with (the lake home's own; {@code lake serve --show-credentials} prints it). */
    public Credentials credentials() {
        return credentials;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** True when this process runs the server, false when it attached to another process's. */
    public boolean isOwner() {
        return server != null;
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.shutdownNow();
        }
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Embedded S3 server did not stop cleanly: {}", e.toString());
        }
        try {
            // The endpoint file goes before the lock, so that nobody attaches to a server that is gone.
            Files.deleteIfExists(stateDir.resolve(ENDPOINT_FILE));
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("Cannot release the embedded S3 lock: {}", e.toString());
        }
    }
}
