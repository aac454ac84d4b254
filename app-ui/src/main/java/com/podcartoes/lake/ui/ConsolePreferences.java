package com.podcartoes.lake.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What the console remembers per user, never in the lake: the window's size and position, the last screen and the
 * theme. A properties file under the user's configuration directory ({@code $XDG_CONFIG_HOME/pod-lake/} or
 * {@code ~/.config/pod-lake/}; {@code -Dlake.console.preferences=FILE} elsewhere, as the tests do).
 */
public final class ConsolePreferences {
    private final Path file;
    private final Properties values = new Properties();

    public ConsolePreferences(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                values.clear(); // unreadable preferences are not worth failing for: start from the defaults
            }
        }
    }

    /** The user's preferences file. */
    public static ConsolePreferences forUser() {
        String override = System.getProperty("lake.console.preferences");
        if (override != null) {
            return new ConsolePreferences(Path.of(override));
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new ConsolePreferences(base.resolve("pod-lake").resolve("console.properties"));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    public Optional<Double> getDouble(String key) {
        try {
            return get(key).map(Double::parseDouble);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void put(String key, String value) {
        values.setProperty(key, value);
    }

    /** Writes the file (beside it, then renamed, so a crash never leaves half a file). */
    public void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".console", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                values.store(out, "PoD Lake Console preferences");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the console's preferences to " + file, e);
        }
    }
}
