package io.ladder.sink.cli;

import io.ladder.schemas.Candidate;
import io.ladder.sink.redis.CandidateKeys;
import io.ladder.sink.redis.RedisConnectionConfig;
import io.ladder.sink.redis.RedisStoreException;
import io.ladder.sink.store.RedisCandidateStore;
import io.ladder.sink.store.StoredCandidates;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints a user's candidate list as the serving tier sees it (one GET), with freshness metadata.
 * Run by {@code scripts/candidates}.
 *
 * <p>Exit codes: 0 found, 1 no list for the user, 2 usage error, 3 Redis or decoding error.
 */
public final class CandidatesCommand {
    static final String USAGE =
            """
            usage: candidates USER [--n 20] [--redis host:port | --cluster h:p,h:p] [--prefix p]
                              [--json] [--user ACL_USER] [--password-env VAR | --password-file F]
                              [--tls] [--tls-ca CA_PEM_FILE]
            Prints USER's candidates from Redis (default 127.0.0.1:6379, prefix ladder:cand:).
            """;

    private CandidatesCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Clock.systemUTC()));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options == null) {
            out.print(USAGE);
            return 0;
        }
        CandidateKeys keys;
        RedisConnectionConfig connection;
        try {
            keys = CandidateKeys.withPrefix(options.prefix);
            connection = options.connection();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        try (RedisCandidateStore store =
                RedisCandidateStore.connect(connection, keys, Duration.ZERO, clock)) {
            Optional<StoredCandidates> found = store.topN(options.userId, options.n);
            String key = keys.key(options.userId);
            if (found.isEmpty()) {
                if (options.json) {
                    out.println(
                            "{\"user_id\":"
                                    + Json.string(options.userId)
                                    + ",\"key\":"
                                    + Json.string(key)
                                    + ",\"found\":false}");
                }
                err.println(
                        "no candidate list for user '"
                                + options.userId
                                + "' (key "
                                + key
                                + " on "
                                + connection.address()
                                + ")");
                return 1;
            }
            out.print(options.json ? json(found.get(), key) : text(found.get(), key));
            return 0;
        } catch (RedisStoreException | io.ladder.schemas.codec.InvalidRecordException e) {
            err.println("error: " + e.getMessage());
            return 3;
        }
    }

    static String text(StoredCandidates c, String key) {
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "user %s  key %s  sequence %d  model %s%n",
                        c.userId(),
                        key,
                        c.sequence(),
                        c.modelVersion().isEmpty() ? "(none)" : c.modelVersion()));
        s.append(
                String.format(
                        Locale.ROOT,
                        "generated %s (age %s)  as_of %s  showing %d of %d%n",
                        c.generatedTime(),
                        human(c.age()),
                        c.asOf(),
                        c.candidates().size(),
                        c.totalCandidates()));
        s.append(
                String.format(
                        Locale.ROOT,
                        "%4s  %-16s %10s  %-17s %s%n",
                        "rank",
                        "item",
                        "score",
                        "source",
                        "interest"));
        List<Candidate> list = c.candidates();
        for (int i = 0; i < list.size(); i++) {
            Candidate x = list.get(i);
            s.append(
                    String.format(
                            Locale.ROOT,
                            "%4d  %-16s %10.4f  %-17s %s%n",
                            i + 1,
                            x.getItemId(),
                            x.getScore(),
                            x.getSource(),
                            x.getInterest() < 0 ? "-" : Integer.toString(x.getInterest())));
        }
        return s.toString();
    }

    static String json(StoredCandidates c, String key) {
        StringBuilder s = new StringBuilder("{");
        s.append("\"user_id\":").append(Json.string(c.userId()));
        s.append(",\"key\":").append(Json.string(key));
        s.append(",\"found\":true");
        s.append(",\"sequence\":").append(c.sequence());
        s.append(",\"model_version\":").append(Json.string(c.modelVersion()));
        s.append(",\"generated_time\":").append(Json.string(c.generatedTime().toString()));
        s.append(",\"as_of\":").append(Json.string(c.asOf().toString()));
        s.append(",\"age_ms\":").append(c.age().toMillis());
        s.append(",\"total_candidates\":").append(c.totalCandidates());
        s.append(",\"candidates\":[");
        List<Candidate> list = c.candidates();
        for (int i = 0; i < list.size(); i++) {
            Candidate x = list.get(i);
            s.append(i == 0 ? "" : ",");
            s.append("{\"rank\":").append(i + 1);
            s.append(",\"item_id\":").append(Json.string(x.getItemId()));
            s.append(",\"score\":").append(Json.number(x.getScore()));
            s.append(",\"source\":").append(Json.string(x.getSource().name()));
            s.append(",\"interest\":").append(x.getInterest()).append('}');
        }
        return s.append("]}\n").toString();
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        if (Math.abs(ms) < 1_000) {
            return ms + " ms";
        }
        if (Math.abs(ms) < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        if (Math.abs(ms) < 7_200_000) {
            return (ms / 60_000) + " min";
        }
        return (ms / 3_600_000) + " h";
    }

    /** Parsed arguments. */
    static final class Options {
        String userId;
        int n = 20;
        String redis = "127.0.0.1:6379";
        List<String> cluster;
        String prefix = CandidateKeys.DEFAULT_PREFIX;
        boolean json;
        boolean tls;
        String tlsCa;
        String aclUser;
        String passwordEnv;
        String passwordFile;

        /** Null for --help. */
        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> {
                        return null;
                    }
                    case "--json" -> o.json = true;
                    case "--tls" -> o.tls = true;
                    case "--tls-ca" -> {
                        o.tls = true;
                        o.tlsCa = value(args, ++i, a);
                    }
                    case "--n" -> o.n = positive(value(args, ++i, a), a);
                    case "--redis" -> o.redis = value(args, ++i, a);
                    case "--cluster" -> o.cluster = Arrays.asList(value(args, ++i, a).split(","));
                    case "--prefix" -> o.prefix = value(args, ++i, a);
                    case "--user" -> o.aclUser = value(args, ++i, a);
                    case "--password-env" -> o.passwordEnv = value(args, ++i, a);
                    case "--password-file" -> o.passwordFile = value(args, ++i, a);
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        if (o.userId != null) {
                            throw new IllegalArgumentException(
                                    "one user at a time (got '" + o.userId + "' and '" + a + "')");
                        }
                        o.userId = a;
                    }
                }
            }
            if (o.userId == null || o.userId.isEmpty()) {
                throw new IllegalArgumentException("which user? give USER");
            }
            return o;
        }

        RedisConnectionConfig connection() {
            RedisConnectionConfig.Builder b = RedisConnectionConfig.builder();
            if (cluster != null) {
                b.cluster(cluster);
            } else {
                b.standalone(redis);
            }
            b.tls(tls).poolSize(1).clientName("ladder-candidates-cli");
            if (tlsCa != null) {
                b.tlsCaCertificate(tlsCa);
            }
            if (aclUser != null) {
                b.user(aclUser);
            }
            if (passwordEnv != null) {
                b.passwordFromEnv(passwordEnv);
            }
            if (passwordFile != null) {
                b.passwordFromFile(passwordFile);
            }
            return b.build();
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String s, String option) {
            try {
                int n = Integer.parseInt(s);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException(option + " must be a positive integer, got " + s);
        }
    }

    /** Just enough JSON writing for this command. */
    static final class Json {
        private Json() {}

        static String string(String s) {
            StringBuilder b = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }

        static String number(float f) {
            return Float.isFinite(f) ? Float.toString(f) : "null";
        }
    }
}
