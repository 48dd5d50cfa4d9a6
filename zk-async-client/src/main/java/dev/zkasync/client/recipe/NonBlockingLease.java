package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.NoNodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Kazoo's {@code NonBlockingLease}: a lease on a resource for a time, obtained or not at once.
 *
 * <pre>{@code
 * if (new NonBlockingLease(client, "/leases/report", Duration.ofHours(1), "host-1").obtained()) {
 *     runTheHourlyReport();
 * }
 * }</pre>
 *
 * <p>Layout, as Kazoo's: under a {@link Lock} on {@code path}, the holder is read from
 * {@code path/lease_holder}, JSON {@code {"version": 1, "holder": "<id>", "end": "<UTC
 * %Y-%m-%dT%H:%M:%S>"}}; the lease is ours if there is none, it has ended, or we hold it already
 * (then it is renewed); a holder written by a newer format version is never taken over. The end
 * times come from the clients' clocks (UTC), so clocks must roughly agree. Any error means "not
 * obtained".
 */
public final class NonBlockingLease {
    private static final Logger log = LoggerFactory.getLogger(NonBlockingLease.class);
    static final int VERSION = 1;
    static final DateTimeFormatter END_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final String path;
    private final Duration duration;
    private final String identifier;
    private final boolean obtained;

    /**
     * Tries to obtain the lease now (blocking), with the system UTC clock.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the lease node
     * @param duration how long an obtained lease lasts
     * @param identifier the holder identity written into the lease
     */
    public NonBlockingLease(KazooClient client, String path, Duration duration, String identifier) {
        this(client, path, duration, identifier, Clock.systemUTC());
    }

    /**
     * Tries to obtain the lease now (blocking); {@code clock} gives "now" (Kazoo's {@code utcnow}).
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the lease node
     * @param duration how long an obtained lease lasts
     * @param identifier the holder identity written into the lease
     * @param clock the time source
     */
    public NonBlockingLease(KazooClient client, String path, Duration duration, String identifier, Clock clock) {
        Recipes.requireNotHandlerThread(client, "new NonBlockingLease()");
        this.path = path;
        this.duration = duration;
        this.identifier = identifier != null ? identifier : Recipes.defaultIdentifier();
        this.obtained = obtainAsync(client, path, duration, this.identifier, clock).get();
    }

    /** {@return whether the lease was obtained (Kazoo's truth value of the lease)} */
    public boolean obtained() {
        return obtained;
    }

    /** {@return the lease node} */
    public String path() {
        return path;
    }

    /** {@return how long an obtained lease lasts} */
    public Duration duration() {
        return duration;
    }

    /** {@return the holder identity written into the lease} */
    public String identifier() {
        return identifier;
    }

    /**
     * Tries to obtain the lease without blocking; completes with whether it was obtained (never
     * with an error: failures mean false, as in Kazoo).
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the lease node
     * @param duration how long an obtained lease lasts
     * @param identifier the holder identity written into the lease
     * @param clock the time source
     * @return whether the lease was obtained
     */
    public static AsyncResult<Boolean> obtainAsync(KazooClient client, String path, Duration duration,
                                                   String identifier, Clock clock) {
        Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(clock, "clock");
        String id = identifier != null ? identifier : Recipes.defaultIdentifier();
        String holderPath = Recipes.join(path, "lease_holder");
        DefaultAsyncResult<Boolean> out = Recipes.newResult(client);
        Lock lock = new Lock(client, path, id);
        Recipes.onDone(client.ensurePathAsync(path), (p, pe) -> {
            if (pe != null) {
                fail(out, path, pe);
                return;
            }
            Recipes.onDone(lock.acquireAsync(), (won, le) -> {
                if (le != null) {
                    fail(out, path, le);
                    return;
                }
                Recipes.onDone(decide(client, holderPath, duration, id, clock), (ok, e) ->
                        Recipes.onDone(lock.releaseAsync(), (r, re) -> {
                            if (e != null) {
                                fail(out, path, e);
                            } else {
                                out.set(ok);
                            }
                        }));
            });
        });
        return out;
    }

    private static void fail(DefaultAsyncResult<Boolean> out, String path, Throwable e) {
        log.debug("Lease on {} not obtained", path, e);
        out.set(false);
    }

    /** Under the lock: take the lease if it is free, ended, or ours. */
    private static AsyncResult<Boolean> decide(KazooClient client, String holderPath, Duration duration, String id,
                                               Clock clock) {
        DefaultAsyncResult<Boolean> out = Recipes.newResult(client);
        LocalDateTime now = LocalDateTime.now(clock);
        Recipes.onDone(client.getAsync(holderPath), (nd, e) -> {
            if (e != null && !(e instanceof NoNodeException)) {
                out.setException(e);
                return;
            }
            AsyncResult<Void> cleared;
            if (e == null) {
                Map<String, Object> current;
                try {
                    current = Json.parse(new String(nd.data(), StandardCharsets.UTF_8));
                } catch (RuntimeException pe) {
                    out.setException(pe);
                    return;
                }
                if (!Objects.equals(current.get("version"), (long) VERSION)) {
                    out.set(false); // a newer format: let a client that knows it take the lease
                    return;
                }
                LocalDateTime end = LocalDateTime.parse(String.valueOf(current.get("end")), END_FORMAT);
                if (!id.equals(current.get("holder")) && now.isBefore(end)) {
                    out.set(false); // another holder's lease is still running
                    return;
                }
                cleared = client.deleteAsync(holderPath);
            } else {
                cleared = Recipes.completed(client, null);
            }
            Recipes.onDone(cleared, (v, de) -> {
                if (de != null) {
                    out.setException(de);
                    return;
                }
                String end = now.plus(duration).truncatedTo(ChronoUnit.SECONDS).format(END_FORMAT);
                Map<String, Object> mine = new LinkedHashMap<>();
                mine.put("version", (long) VERSION);
                mine.put("holder", id);
                mine.put("end", end);
                byte[] data = Json.write(mine).getBytes(StandardCharsets.UTF_8);
                Recipes.onDone(client.createAsync(holderPath, data, CreateOptions.DEFAULT), (c, ce) -> {
                    if (ce != null) {
                        out.setException(ce);
                    } else {
                        out.set(true);
                    }
                });
            });
        });
        return out;
    }

    @Override
    public String toString() {
        return "NonBlockingLease[" + path + ", " + identifier + ", " + (obtained ? "obtained" : "not obtained") + "]";
    }

    /** Just enough JSON for Kazoo's lease record: a flat object of strings and integers, as Python writes it. */
    static final class Json {
        private Json() {
        }

        /** {@code json.dumps} with its defaults: {@code ", "} and {@code ": "}, non-ASCII escaped. */
        static String write(Map<String, Object> map) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                string(sb, e.getKey());
                sb.append(": ");
                if (e.getValue() instanceof String s) {
                    string(sb, s);
                } else {
                    sb.append(e.getValue());
                }
            }
            return sb.append('}').toString();
        }

        private static void string(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    default -> {
                        if (c < 0x20 || c > 0x7f) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }

        static Map<String, Object> parse(String text) {
            Parser p = new Parser(text);
            Map<String, Object> out = p.object();
            p.skipSpace();
            if (p.pos != text.length()) {
                throw new IllegalArgumentException("trailing characters in lease record");
            }
            return out;
        }

        private static final class Parser {
            final String s;
            int pos;

            Parser(String s) {
                this.s = s;
            }

            Map<String, Object> object() {
                Map<String, Object> out = new LinkedHashMap<>();
                expect('{');
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return out;
                }
                while (true) {
                    skipSpace();
                    String key = string();
                    skipSpace();
                    expect(':');
                    skipSpace();
                    out.put(key, value());
                    skipSpace();
                    char c = next();
                    if (c == '}') {
                        return out;
                    }
                    if (c != ',') {
                        throw new IllegalArgumentException("bad lease record at " + (pos - 1));
                    }
                }
            }

            Object value() {
                char c = peek();
                if (c == '"') {
                    return string();
                }
                int start = pos;
                while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                    pos++;
                }
                String num = s.substring(start, pos);
                if (num.isEmpty()) {
                    throw new IllegalArgumentException("bad lease record value at " + start);
                }
                try {
                    return Long.parseLong(num);
                } catch (NumberFormatException e) {
                    return Double.parseDouble(num);
                }
            }

            String string() {
                expect('"');
                StringBuilder sb = new StringBuilder();
                while (true) {
                    char c = next();
                    if (c == '"') {
                        return sb.toString();
                    }
                    if (c != '\\') {
                        sb.append(c);
                        continue;
                    }
                    char e = next();
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> sb.append(e); // \" \\ \/
                    }
                }
            }

            void skipSpace() {
                while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                    pos++;
                }
            }

            char peek() {
                if (pos >= s.length()) {
                    throw new IllegalArgumentException("lease record ends early");
                }
                return s.charAt(pos);
            }

            char next() {
                char c = peek();
                pos++;
                return c;
            }

            void expect(char c) {
                if (next() != c) {
                    throw new IllegalArgumentException("expected '" + c + "' at " + (pos - 1) + " in lease record");
                }
            }
        }
    }
}
