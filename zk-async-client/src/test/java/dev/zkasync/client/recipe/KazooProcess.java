package dev.zkasync.client.recipe;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Kazoo (python3-kazoo) process running {@code kazoo_interop.py} against the test's server:
 * each {@link #call} sends one command and completes with the process's answer. Closing it (also on
 * test failure, via {@code track}) closes its stdin, on which the script exits, and kills it if it
 * has not exited within a few seconds.
 */
final class KazooProcess implements AutoCloseable {
    /**
     * Debian's interpreter, which has python3-kazoo ({@code python3} on PATH may be another one);
     * the system property {@code kazoo.python} names another.
     */
    static final Path PYTHON = Path.of(System.getProperty("kazoo.python", "/usr/bin/python3"));
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static volatile String unavailable;
    private static volatile boolean checked;

    private final Process process;
    private final Writer stdin;
    private final Map<String, CompletableFuture<List<String>>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder stderr = new StringBuilder();

    /** Skips the calling test, saying why, unless /usr/bin/python3 can import kazoo. */
    static void assumeAvailable() {
        if (!checked) {
            unavailable = probe();
            checked = true;
        }
        Assumptions.assumeTrue(unavailable == null, () -> "Kazoo interop skipped: " + unavailable);
    }

    private static String probe() {
        if (!Files.isExecutable(PYTHON)) {
            return PYTHON + " not found (install python3 and python3-kazoo)";
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import kazoo")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return PYTHON + " -c 'import kazoo' did not finish";
            }
            return p.exitValue() == 0 ? null : "python3-kazoo is not installed for " + PYTHON
                    + " (apt-get install python3-kazoo)";
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing " + PYTHON;
        }
    }

    /** Starts the script against {@code hosts} (with the test's chroot) and waits until it is connected. */
    static KazooProcess start(String hosts) {
        assumeAvailable();
        try {
            return new KazooProcess(hosts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KazooProcess(String hosts) throws IOException {
        process = new ProcessBuilder(PYTHON.toString(), "-u", script().toString(), hosts).start();
        stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        CompletableFuture<List<String>> ready = new CompletableFuture<>();
        pending.put("0", ready); // the "ready" line
        Thread.ofPlatform().daemon().name("kazoo-stdout").start(this::readReplies);
        Thread.ofPlatform().daemon().name("kazoo-stderr").start(this::readErrors);
        try {
            get(ready, "start");
        } catch (AssertionError e) {
            close();
            throw e;
        }
    }

    private static Path script() {
        URL url = KazooProcess.class.getResource("kazoo_interop.py");
        if (url == null) {
            throw new IllegalStateException("kazoo_interop.py is not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code op} with {@code args}; the future completes with the answer's values. */
    CompletableFuture<List<String>> call(String op, Object... args) {
        String id = Integer.toString(ids.incrementAndGet());
        CompletableFuture<List<String>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        StringBuilder line = new StringBuilder(id).append('\t').append(op);
        for (Object a : args) {
            line.append('\t').append(a);
        }
        try {
            synchronized (stdin) {
                stdin.write(line.append('\n').toString());
                stdin.flush();
            }
        } catch (IOException e) {
            answer.completeExceptionally(new IllegalStateException("the Kazoo process is gone" + errors(), e));
        }
        return answer;
    }

    /** {@link #call} and wait for the answer. */
    List<String> run(String op, Object... args) {
        return get(call(op, args), op);
    }

    /** {@link #run} for a single value. */
    String one(String op, Object... args) {
        List<String> values = run(op, args);
        return values.isEmpty() ? null : values.get(0);
    }

    List<String> get(CompletableFuture<List<String>> answer, String what) {
        try {
            return answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("Kazoo's " + what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("Kazoo's " + what + " did not answer within " + CALL_TIMEOUT + errors());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void readReplies() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t", -1);
                CompletableFuture<List<String>> answer = pending.remove(f[0]);
                if (answer == null || f.length < 2) {
                    continue;
                }
                List<String> values = Arrays.asList(f).subList(2, f.length);
                if (f[1].equals("ok")) {
                    answer.complete(values);
                } else {
                    answer.completeExceptionally(new KazooError(String.join(" ", values)));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        KazooError gone = new KazooError("the Kazoo process exited" + errors());
        pending.values().forEach(f -> f.completeExceptionally(gone));
    }

    private void readErrors() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (stderr) {
                    if (stderr.length() < 20_000) {
                        stderr.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private String errors() {
        synchronized (stderr) {
            return stderr.isEmpty() ? "" : "; its stderr:\n" + stderr;
        }
    }

    /** An error raised by Kazoo, as "<type>: <message>". */
    static final class KazooError extends RuntimeException {
        KazooError(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        try {
            stdin.close(); // the script stops its client and exits at end of input
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
