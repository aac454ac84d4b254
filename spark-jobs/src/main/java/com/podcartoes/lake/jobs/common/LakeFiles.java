package com.podcartoes.lake.jobs.common;

import com.podcartoes.lake.rules.CsvRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The lake as a Hadoop file system: {@code s3://bucket} on EMR, a local directory ({@code file:///...}) on the
 * embedded lake. Keys are the contract's, relative to the root.
 */
public final class LakeFiles {
    private final Path root;
    private final FileSystem fs;

    public LakeFiles(String rootUri, Configuration conf) {
        this.root = new Path(rootUri.endsWith("/") ? rootUri : rootUri + "/");
        try {
            this.fs = root.getFileSystem(conf);
            // A local lake is served as S3 by the embedded server: Hadoop's ".crc" side files would show up as
            // objects. The instance is cached and shared in the JVM, so this also covers Spark's local writes.
            if (fs instanceof LocalFileSystem local) {
                local.setWriteChecksum(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the lake at " + rootUri, e);
        }
    }

    /** The lake's root, e.g. {@code s3://pod-lake/} or {@code file:/home/me/.pod-lake/s3/pod-lake/}. */
    public String rootUri() {
        return root.toString().endsWith("/") ? root.toString() : root + "/";
    }

    public Path path(String key) {
        return new Path(root, key);
    }

    public String uri(String key) {
        return path(key).toString();
    }

    public boolean exists(String key) {
        try {
            return fs.exists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check " + uri(key), e);
        }
    }

    public long size(String key) {
        try {
            return fs.getFileStatus(path(key)).getLen();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + uri(key), e);
        }
    }

    /** Names of the files directly under a prefix (empty when it does not exist). */
    public List<String> listFileNames(String prefix) {
        return listNames(prefix, FileStatus::isFile);
    }

    /** Names of the sub-directories directly under a prefix (empty when it does not exist). */
    public List<String> listDirectoryNames(String prefix) {
        return listNames(prefix, FileStatus::isDirectory);
    }

    private List<String> listNames(String prefix, java.util.function.Predicate<FileStatus> kind) {
        List<String> names = new ArrayList<>();
        try {
            if (!fs.exists(path(prefix))) {
                return names;
            }
            for (FileStatus status : fs.listStatus(path(prefix))) {
                if (kind.test(status)) {
                    names.add(status.getPath().getName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + uri(prefix), e);
        }
        names.sort(null);
        return names;
    }

    public byte[] read(String key) {
        try (InputStream in = fs.open(path(key))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + uri(key), e);
        }
    }

    /** The first line (without line ending), read without loading the file. */
    /** The first CSV record of a file (its header), as {@link CsvRecords} splits records; empty for no bytes. */
    public String firstRecord(String key) {
        try (CsvRecords records = new CsvRecords(fs.open(path(key)), 0, 64 * 1024)) {
            return records.next() ? records.record().text() : "";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + uri(key), e);
        }
    }

    public String sha256(String key) {
        try (InputStream in = fs.open(path(key))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + uri(key), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a small object whole: on an object store one PUT (S3 makes it visible at once, whole or not at all);
     * on the embedded lake's directory a temporary file renamed over the target (POSIX rename replaces atomically).
     * Never a moment without the object, never half of it.
     */
    public void write(String key, byte[] content) {
        Path target = path(key);
        try {
            if (!(fs instanceof LocalFileSystem local)) {
                try (OutputStream out = fs.create(target, true)) {
                    out.write(content);
                }
                return;
            }
            Path temp = new Path(target.getParent(), "_tmp." + target.getName());
            try (OutputStream out = fs.create(temp, true)) {
                out.write(content);
            }
            java.nio.file.Files.move(java.nio.file.Path.of(local.pathToFile(temp).toURI()),
                    java.nio.file.Path.of(local.pathToFile(target).toURI()),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + uri(key), e);
        }
    }

    public void rename(String fromKey, String toKey) {
        try {
            fs.mkdirs(path(toKey).getParent());
            if (!fs.rename(path(fromKey), path(toKey))) {
                throw new IOException("rename refused");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + uri(fromKey) + " to " + uri(toKey), e);
        }
    }

    /** Removes Hadoop's checksum side files below a prefix (written by executors in other JVMs of a cluster). */
    public void removeChecksumFiles(String prefix) {
        if (!(fs instanceof LocalFileSystem) || !exists(prefix)) {
            return;
        }
        try {
            var files = fs.listFiles(path(prefix), true);
            while (files.hasNext()) {
                Path file = files.next().getPath();
                if (file.getName().endsWith(".crc")) {
                    fs.delete(file, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + uri(prefix), e);
        }
    }

    public void delete(String key) {
        try {
            fs.delete(path(key), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + uri(key), e);
        }
    }
}
