package com.podcartoes.lake.ingestion;

import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.layout.ControlFile;
import com.podcartoes.lake.layout.SourceFileName;
import com.podcartoes.lake.layout.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local directory between extract and load: {@code <root>/<subject>/<file>.csv} with a sidecar
 * {@code <file>.staged.json} (the control file without its load fields). A file counts as staged only once its
 * sidecar exists, and the sidecar is written after the data file is complete and renamed into place.
 */
public final class StagingArea {
    private static final String SIDECAR = ".staged.json";

    private final Path root;

    public StagingArea(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path directory(Subject subject) {
        return root.resolve(subject.id());
    }

    /**
     * Where a source file is staged. The name was validated by {@link SourceFileName}; the containment check is a
     * second line of defence against keys that would escape the staging directory.
     */
    public Path dataFile(SourceFileName name) {
        Path dir = directory(name.subject());
        Path file = dir.resolve(name.fileName()).normalize();
        if (!file.getParent().equals(dir)) {
            throw new IllegalArgumentException("file name " + name.fileName() + " escapes " + dir);
        }
        return file;
    }

    private Path sidecar(SourceFileName name) {
        return directory(name.subject()).resolve(name.fileName() + SIDECAR);
    }

    /** A temporary file (hidden name) in the subject's directory, to be renamed by {@link #publish}. */
    public Path newPartialFile(SourceFileName name) {
        try {
            Path dir = Files.createDirectories(directory(name.subject()));
            return Files.createTempFile(dir, "." + name.fileName(), ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a staging file in " + directory(name.subject()), e);
        }
    }

    /** Moves a complete download into place, then writes its sidecar: from then on it is staged. */
    public void publish(SourceFileName name, Path partial, ControlFile staged) {
        try {
            Files.move(partial, dataFile(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path sidecar = sidecar(name);
            Path tmp = sidecar.resolveSibling("." + sidecar.getFileName() + ".part");
            Files.write(tmp, Json.write(staged));
            Files.move(tmp, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage " + name + " in " + directory(name.subject()), e);
        }
    }

    public Optional<ControlFile> staged(SourceFileName name) {
        Path sidecar = sidecar(name);
        try {
            if (!Files.isRegularFile(sidecar) || !Files.isRegularFile(dataFile(name))) {
                return Optional.empty();
            }
            return Optional.of(Json.read(Files.readAllBytes(sidecar), ControlFile.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + sidecar, e);
        }
    }

    /** Every staged file of a subject, oldest extraction first. */
    public List<SourceFileName> list(Subject subject) {
        Path dir = directory(subject);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<SourceFileName> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(SIDECAR))
                    .map(f -> SourceFileName.parse(f.substring(0, f.length() - SIDECAR.length())))
                    .flatMap(Optional::stream)
                    .filter(n -> n.subject() == subject && staged(n).isPresent())
                    .forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        names.sort(null);
        return names;
    }

    /** Removes a file and its sidecar once raw holds it (the sidecar first, so a half-removal is not "staged"). */
    public void remove(SourceFileName name) {
        try {
            Files.deleteIfExists(sidecar(name));
            Files.deleteIfExists(dataFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean up staged " + name, e);
        }
    }

    /** Deletes leftovers of interrupted downloads. */
    public void removePartials(Subject subject) {
        Path dir = directory(subject);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".part")).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + dir, e);
        }
    }
}
