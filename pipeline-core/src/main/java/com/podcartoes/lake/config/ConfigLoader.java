package com.podcartoes.lake.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Resolves a profile's configuration from, lowest to highest precedence: built-in defaults of the profile's kind,
 * the config file ({@code <profile>.<key>=value}, Java properties), then {@code LAKE_*} environment variables.
 *
 * <p>The config file is {@code $LAKE_CONFIG} if set, else {@code <lake home>/lake.properties} if present. The lake
 * home is {@code $LAKE_HOME}, default {@code ~/.pod-lake}. Profiles {@code local} and {@code aws} always exist;
 * any other name needs {@code <name>.kind=local|aws} in the file.
 */
public final class ConfigLoader {
    public static final String DEFAULT_PROFILE = "local";
    public static final String PROFILE_VARIABLE = "LAKE_PROFILE";
    public static final String HOME_VARIABLE = "LAKE_HOME";
    public static final String CONFIG_VARIABLE = "LAKE_CONFIG";

    // A config file is checked into places people share; credentials must come from the AWS chain instead.
    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i).*(secret|password|accesskey|access_key|access-key|sessiontoken|session_token).*");
    private static final Pattern PROFILE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]*");

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static ConfigLoader fromSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /** The lake home: {@code $LAKE_HOME} or {@code ~/.pod-lake}. */
    public Path lakeHome() {
        String home = environment.get(HOME_VARIABLE);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".pod-lake");
    }

    /**
     * Loads a profile.
     *
     * @param profileOption the {@code --profile} value, or null to use {@code $LAKE_PROFILE} or {@code local}
     * @param configOption  the {@code --config} file, or null to use {@code $LAKE_CONFIG} or the lake home's file
     */
    public LakeConfig load(String profileOption, Path configOption) {
        String profile = firstNonBlank(profileOption, environment.get(PROFILE_VARIABLE), DEFAULT_PROFILE);
        if (!PROFILE_NAME.matcher(profile).matches()) {
            throw new ConfigException("Invalid profile name '" + profile
                    + "': use letters, digits, '-' or '_', starting with a letter.");
        }
        Path lakeHome = lakeHome();
        Optional<Path> configFile = configFile(configOption, lakeHome);
        Properties file = configFile.map(ConfigLoader::read).orElseGet(Properties::new);
        String fileOrigin = configFile.map(path -> "file " + path).orElse("");
        checkFileKeys(file, fileOrigin);

        ProfileKind kind = kindOf(profile, file, fileOrigin);
        Map<Setting, LakeConfig.Value> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            LakeConfig.Value value = new LakeConfig.Value(setting.defaultFor(kind), "default (" + kind.id() + ")");
            String fromFile = file.getProperty(profile + "." + setting.key());
            if (fromFile != null) {
                value = new LakeConfig.Value(fromFile.trim(), fileOrigin);
            }
            String fromEnv = environment.get(setting.environmentVariable());
            if (fromEnv != null) {
                value = new LakeConfig.Value(fromEnv.trim(), "environment " + setting.environmentVariable());
            }
            String expected = setting.type().check(value.value());
            if (expected != null) {
                throw new ConfigException(String.format("Config key '%s.%s' (from %s) must be %s, got '%s'.",
                        profile, setting.key(), value.origin(), expected, value.value()));
            }
            values.put(setting, value);
        }
        requireNonEmpty(profile, values, Setting.SOURCE_BUCKET, configFile, lakeHome);
        requireNonEmpty(profile, values, Setting.LAKE_BUCKET, configFile, lakeHome);
        requireNonEmpty(profile, values, Setting.SOURCE_REGION, configFile, lakeHome);
        requireNonEmpty(profile, values, Setting.LAKE_REGION, configFile, lakeHome);
        return new LakeConfig(profile, kind, lakeHome, configFile, values);
    }

    private Optional<Path> configFile(Path configOption, Path lakeHome) {
        if (configOption != null) {
            return Optional.of(existing(configOption, "--config"));
        }
        String fromEnv = environment.get(CONFIG_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(existing(Path.of(fromEnv), CONFIG_VARIABLE));
        }
        Path inHome = lakeHome.resolve("lake.properties");
        return Files.isRegularFile(inHome) ? Optional.of(inHome) : Optional.empty();
    }

    private static Path existing(Path path, String from) {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("Config file " + path + " (from " + from + ") does not exist or is not a file.");
        }
        return path.toAbsolutePath().normalize();
    }

    private static Properties read(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Cannot read config file " + path + ": " + e.getMessage(), e);
        }
        return properties;
    }

    private static void checkFileKeys(Properties file, String origin) {
        for (String fullKey : new TreeSet<>(file.stringPropertyNames())) {
            if (SECRET_KEY.matcher(fullKey).matches()) {
                throw new ConfigException("Config key '" + fullKey + "' (from " + origin + ") looks like a secret."
                        + " Secrets never go in the config file: name an AWS profile with"
                        + " <profile>.lake.credentialsProfile / <profile>.source.credentialsProfile,"
                        + " or use the AWS default credential chain.");
            }
            int dot = fullKey.indexOf('.');
            String key = dot < 0 ? "" : fullKey.substring(dot + 1);
            if (dot <= 0 || !(key.equals("kind") || Setting.fromKey(key) != null)) {
                throw new ConfigException("Unknown config key '" + fullKey + "' (from " + origin
                        + "). Keys are <profile>.<key>; see 'lake config --keys' for the valid keys.");
            }
        }
    }

    private static ProfileKind kindOf(String profile, Properties file, String origin) {
        String declared = file.getProperty(profile + ".kind");
        if (declared != null) {
            try {
                return ProfileKind.valueOf(declared.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("Config key '" + profile + ".kind' (from " + origin
                        + ") must be 'local' or 'aws', got '" + declared.trim() + "'.");
            }
        }
        for (ProfileKind kind : ProfileKind.values()) {
            if (kind.id().equals(profile)) {
                return kind;
            }
        }
        throw new ConfigException("Unknown profile '" + profile + "': the built-in profiles are 'local' and 'aws';"
                + " declare others in the config file with '" + profile + ".kind=aws' (or local).");
    }

    private static void requireNonEmpty(String profile, Map<Setting, LakeConfig.Value> values, Setting setting,
                                        Optional<Path> configFile, Path lakeHome) {
        if (values.get(setting).value().isEmpty()) {
            String where = configFile.map(Path::toString).orElse(lakeHome.resolve("lake.properties").toString());
            throw new ConfigException("Config key '" + profile + "." + setting.key() + "' is required on profile '"
                    + profile + "': set it in " + where + " or with the environment variable "
                    + setting.environmentVariable() + ".");
        }
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.trim();
            }
        }
        throw new IllegalStateException("no default");
    }
}
