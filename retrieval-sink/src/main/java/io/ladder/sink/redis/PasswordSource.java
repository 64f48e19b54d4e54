package io.ladder.sink.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the Redis password comes from: the environment variable or the file a {@link
 * RedisConnectionConfig} names (at most one), read only when connecting, so that the config never
 * holds the secret. Everything here that describes the source names it, never the password.
 */
final class PasswordSource {
    private PasswordSource() {}

    /**
     * The password from the named variable or file, or null when neither is configured.
     *
     * @throws RedisStoreException when the variable is unset or empty, or the file is unreadable or
     *     empty, saying where to put the secret
     */
    static String resolve(String variable, String file, Function<String, String> env) {
        if (variable != null) {
            String value = env.apply(variable);
            if (value == null || value.isEmpty()) {
                throw new RedisStoreException(
                        "the Redis password should come from environment variable "
                                + variable
                                + ", which is not set (or empty) on this machine; export it"
                                + " where the job and the serving tier run");
            }
            return value;
        }
        if (file != null) {
            try {
                String value = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                value = value.strip();
                if (value.isEmpty()) {
                    throw new RedisStoreException("the Redis password file " + file + " is empty");
                }
                return value;
            } catch (IOException e) {
                throw new RedisStoreException(
                        "cannot read the Redis password file "
                                + file
                                + " ("
                                + e.getClass().getSimpleName()
                                + "); mount the secret there or point the option at it",
                        e);
            }
        }
        return null;
    }

    /** The source in words, for error messages. */
    static String describe(String variable, String file) {
        if (variable != null) {
            return "environment variable " + variable;
        }
        if (file != null) {
            return "file " + file;
        }
        return "no password configured";
    }

    /** The source in short, for {@code toString()}: {@code env:NAME}, {@code file:PATH} or none. */
    static String label(String variable, String file) {
        return variable != null ? "env:" + variable : file != null ? "file:" + file : "none";
    }
}
