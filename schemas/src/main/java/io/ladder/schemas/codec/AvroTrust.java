package io.ladder.schemas.codec;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Registers our generated classes as trusted with Avro's class security check.
 *
 * <p>Avro 1.12.2 refuses to instantiate specific-record classes outside its default trusted set
 * ({@code SecurityException: Forbidden ... not trusted}). Doing it in code, once, before the first
 * decode, means no JVM (tests, TaskManagers, CLIs) needs a system property to read our records.
 */
public final class AvroTrust {
    private static final String TRUSTED_PACKAGE = "io.ladder.";
    private static volatile boolean registered;

    private AvroTrust() {}

    /** Idempotent and thread-safe; cheap after the first call. */
    public static void ensureRegistered() {
        if (registered) {
            return;
        }
        synchronized (AvroTrust.class) {
            if (registered) {
                return;
            }
            ClassSecurityValidator.ClassSecurityPredicate previous =
                    ClassSecurityValidator.getGlobal();
            ClassSecurityValidator.setGlobal(
                    ClassSecurityValidator.composite(
                            previous, type -> type.getName().startsWith(TRUSTED_PACKAGE)));
            registered = true;
        }
    }
}
