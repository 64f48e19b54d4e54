package io.ladder.sink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real redis-server through {@code <repo>/scripts/redis} on a free port before the test
 * class and stops it afterwards. Self-contained (JUnit 5 and the JDK only).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension REDIS = RedisServerExtension.create();
 * ... RedisConnectionConfig.standalone(REDIS.address()) ...
 * }</pre>
 *
 * Data lives in {@code <module>/target/redis-<port>} (pid, log, ACL file); nothing is persisted, so
 * {@link #restart()} comes back empty, like a Redis without persistence after a crash.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
    private static final long SCRIPT_TIMEOUT_SECONDS = 120;

    private final List<String> aclLines = new ArrayList<>();
    private String requirePass;
    private boolean clusterEnabled;
    private boolean tls;
    private int port;
    private Path dir;
    private boolean running;

    private RedisServerExtension() {}

    public static RedisServerExtension create() {
        return new RedisServerExtension();
    }

    /** Starts the server with {@code requirepass} (the default user's password). */
    public RedisServerExtension withRequirePass(String password) {
        this.requirePass = password;
        return this;
    }

    /**
     * Starts the server as a Redis Cluster node (no slots yet: join nodes with {@code redis-cli
     * --cluster create}).
     */
    public RedisServerExtension withClusterEnabled() {
        this.clusterEnabled = true;
        return this;
    }

    /**
     * Serves TLS only, with a certificate for 127.0.0.1 and localhost signed by a test CA that
     * {@code openssl} generates in {@link #dir()}; clients trust {@link #caCertificate()}.
     */
    public RedisServerExtension withTls() {
        this.tls = true;
        return this;
    }

    /** PEM file of the CA that signed the server certificate (with {@link #withTls()}). */
    public Path caCertificate() {
        return dir.resolve("tls").resolve("ca.crt");
    }

    /**
     * Starts the server with an ACL file holding these lines, e.g. {@code "user app on >secret
     * ~ladder:* +@all"} and {@code "user default off"}.
     */
    public RedisServerExtension withAclLines(String... lines) {
        this.aclLines.addAll(List.of(lines));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The port (chosen on the first start and kept across restarts). */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return host() + ":" + port;
    }

    /** The server's directory (pid file, log, ACL file). */
    public Path dir() {
        return dir;
    }

    public boolean isRunning() {
        return running;
    }

    /** Starts the server (on the same port as before, if it ran already). */
    public synchronized void start() {
        if (running) {
            return;
        }
        if (port == 0) {
            port = freePort();
            dir = moduleDir().resolve("target").resolve("redis-" + port);
        }
        List<String> args = new ArrayList<>(List.of("start", "--port", Integer.toString(port)));
        args.addAll(List.of("--dir", dir.toString()));
        if (requirePass != null) {
            args.addAll(List.of("--requirepass", requirePass));
        }
        if (clusterEnabled) {
            args.add("--cluster-enabled");
        }
        if (tls) {
            Path tlsDir = dir.resolve("tls");
            if (!Files.exists(tlsDir.resolve("redis.crt"))) {
                generateCertificates(tlsDir);
            }
            args.addAll(List.of("--tls-dir", tlsDir.toString()));
        }
        try {
            Files.createDirectories(dir);
            if (!aclLines.isEmpty()) {
                Path acl = dir.resolve("users.acl");
                Files.write(acl, aclLines, StandardCharsets.UTF_8);
                args.addAll(List.of("--acl-file", acl.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runScript(args);
        running = true;
    }

    /** Stops the server (the port stays reserved for {@link #start()}). */
    public synchronized void stop() {
        if (port == 0) {
            return;
        }
        runScript(List.of("stop", "--port", Integer.toString(port), "--dir", dir.toString()));
        running = false;
    }

    /** Stops and starts the server on the same port; it comes back empty. */
    public void restart() {
        stop();
        start();
    }

    private static void generateCertificates(Path tlsDir) {
        try {
            Files.createDirectories(tlsDir);
            Files.writeString(
                    tlsDir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(
                tlsDir,
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=ladder-test-ca",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt");
        run(
                tlsDir,
                "openssl",
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                "redis.key",
                "-out",
                "redis.csr");
        run(
                tlsDir,
                "openssl",
                "x509",
                "-req",
                "-in",
                "redis.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                "san.ext",
                "-out",
                "redis.crt");
    }

    private static void run(Path workDir, String... command) {
        try {
            Process process =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    || process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command)
                                + " failed:\n"
                                + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void runScript(List<String> args) {
        Path script = repoRoot().resolve("scripts").resolve("redis");
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command)
                                + " exited with "
                                + process.exitValue()
                                + ":\n"
                                + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
    }

    private static Path repoRoot() {
        for (Path p = moduleDir(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("scripts").resolve("redis"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "scripts/redis not found above " + moduleDir() + "; run tests inside the repo");
    }
}
