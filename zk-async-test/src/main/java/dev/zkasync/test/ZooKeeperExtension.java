package dev.zkasync.test;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 extension that gives tests a real ZooKeeper server and a fresh chroot per test.
 *
 * <pre>{@code
 * class MyTest {
 *     @RegisterExtension
 *     static final ZooKeeperExtension zk = ZooKeeperExtension.perClass();
 *
 *     @Test
 *     void works() {
 *         client.connect(zk.connectString()); // 127.0.0.1:<port>/MyTest/works-1
 *     }
 * }
 * }</pre>
 *
 * <p>Register it on a {@code static} field. {@link #perClass()} starts one server per test class
 * (shared with its {@code @Nested} classes) and stops it after the class, even when tests fail.
 * {@link #shared()} starts one server for the whole test run, kept in the root extension context
 * store, which closes it when the run ends. When a test fails, the last 80 lines of the server log
 * go to stderr. A {@link ZooKeeperProcess} parameter of a test, lifecycle method or constructor is
 * resolved to the server (register only one such extension per class, or the resolvers compete).
 */
public final class ZooKeeperExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, TestWatcher, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ZooKeeperExtension.class);
    /** JVM-wide, so chroots stay unique across classes that share a server. */
    private static final AtomicLong CHROOT_COUNTER = new AtomicLong();

    private final ZooKeeperServerOptions options;
    private final boolean shared;
    private final ThreadLocal<String> testChroot = new ThreadLocal<>();
    private volatile String lastChroot;
    /** Chroots by test unique id, for the failure report (a test's store is closed by then). */
    private final Map<String, String> chrootsByTest = new ConcurrentHashMap<>();
    private volatile ZooKeeperProcess server;

    private ZooKeeperExtension(ZooKeeperServerOptions options, boolean shared) {
        this.options = options;
        this.shared = shared;
    }

    /**
     * One server with default options per test class.
     *
     * @return the extension
     */
    public static ZooKeeperExtension perClass() {
        return perClass(ZooKeeperServerOptions.defaults());
    }

    /**
     * One server per test class.
     *
     * @param options the server's settings
     * @return the extension
     */
    public static ZooKeeperExtension perClass(ZooKeeperServerOptions options) {
        return new ZooKeeperExtension(options, false);
    }

    /**
     * One server with default options for the whole test run, shared by every class that registers
     * {@code shared()}.
     *
     * @return the extension
     */
    public static ZooKeeperExtension shared() {
        return shared(ZooKeeperServerOptions.defaults());
    }

    /**
     * One server for the whole test run, shared by every class that registers {@code shared} with
     * equal options.
     *
     * @param options the server's settings
     * @return the extension
     */
    public static ZooKeeperExtension shared(ZooKeeperServerOptions options) {
        return new ZooKeeperExtension(options, true);
    }

    /**
     * The server.
     *
     * @return the running server
     * @throws IllegalStateException before the extension started it
     */
    public ZooKeeperProcess server() {
        ZooKeeperProcess current = server;
        if (current == null) {
            throw new IllegalStateException("no ZooKeeper server yet: register the extension with @RegisterExtension "
                    + "on a static field and use it from tests or lifecycle methods");
        }
        return current;
    }

    /**
     * The server's address plus the current test's chroot, e.g.
     * {@code 127.0.0.1:2181/MyTest/works-7}. The chroot node is not created; clients create it.
     *
     * @return the connect string for this test
     */
    public String connectString() {
        return server().connectString(chroot());
    }

    /**
     * The current test's chroot, {@code /<TestClassSimpleName>/<methodName>-<n>}, unique in this JVM
     * and the same for every call during one test.
     *
     * @return the chroot
     * @throws IllegalStateException outside a test (e.g. in {@code @BeforeAll})
     */
    public String chroot() {
        String chroot = testChroot.get();
        if (chroot == null) {
            chroot = lastChroot; // a thread the test started
        }
        if (chroot == null) {
            throw new IllegalStateException("no test is running; use serverConnectString() outside tests");
        }
        return chroot;
    }

    /**
     * The server's address without a chroot.
     *
     * @return {@code 127.0.0.1:<port>}
     */
    public String serverConnectString() {
        return server().connectString();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = obtain(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (shared) {
            return;
        }
        // Only the class that started the server stops it; nested classes find it in a parent store.
        ZooKeeperProcess owned = context.getStore(NAMESPACE).remove(this, ZooKeeperProcess.class);
        if (owned != null) {
            owned.close();
            if (server == owned) {
                server = null;
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server = obtain(context);
        String chroot = "/" + Chroots.segment(context.getRequiredTestClass().getSimpleName())
                + "/" + Chroots.segment(context.getRequiredTestMethod().getName())
                + "-" + CHROOT_COUNTER.incrementAndGet();
        testChroot.set(chroot);
        lastChroot = chroot;
        chrootsByTest.put(context.getUniqueId(), chroot);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        testChroot.remove();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        chrootsByTest.remove(context.getUniqueId());
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        chrootsByTest.remove(context.getUniqueId());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        chrootsByTest.remove(context.getUniqueId());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String chroot = chrootsByTest.remove(context.getUniqueId());
        ZooKeeperProcess current = server;
        if (current == null) {
            return;
        }
        String test = context.getRequiredTestClass().getName()
                + context.getTestMethod().map(m -> "#" + m.getName()).orElse("")
                + " [" + context.getDisplayName() + "]";
        PrintStream err = System.err;
        synchronized (err) {
            err.println("===== ZooKeeper log (last " + ServerJvm.FAILURE_LOG_LINES + " lines) for failed test " + test
                    + ", server " + current.connectString() + (chroot == null ? "" : ", chroot " + chroot)
                    + ", file " + current.logFile() + " =====");
            err.println(current.logTail(ServerJvm.FAILURE_LOG_LINES));
            err.println("===== end of ZooKeeper log for " + test + " =====");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ZooKeeperProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ZooKeeperProcess resolved = obtain(extensionContext);
        server = resolved;
        return resolved;
    }

    /**
     * The server for {@code context}, started on first use: in the root store when shared, else in the
     * test class's store, where nested classes find their enclosing class's server.
     */
    private ZooKeeperProcess obtain(ExtensionContext context) {
        if (shared) {
            return context.getRoot().getStore(NAMESPACE)
                    .computeIfAbsent(new SharedKey(options), key -> ZooKeeperProcess.start(options),
                            ZooKeeperProcess.class);
        }
        return classContext(context).getStore(NAMESPACE)
                .computeIfAbsent(this, key -> ZooKeeperProcess.start(options), ZooKeeperProcess.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** Shared servers are keyed by their options, so classes asking for the same options share one. */
    private record SharedKey(ZooKeeperServerOptions options) {
    }
}
