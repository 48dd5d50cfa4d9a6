package dev.zkasync.test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a server JVM: fast-starting flags, the options' properties, the server classpath. */
final class JvmCommand {

    static final String STANDALONE_MAIN = "org.apache.zookeeper.server.ZooKeeperServerMain";
    static final String QUORUM_MAIN = "org.apache.zookeeper.server.quorum.QuorumPeerMain";

    private JvmCommand() {
    }

    static List<String> build(ZooKeeperServerOptions options, String mainClass, Path configFile, Path logbackFile) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx" + options.maxHeap());
        // A small server on a busy 2-core machine: C1 only, serial GC, small thread stacks.
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xss512k");
        command.add("-XX:-UsePerfData");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlogback.configurationFile=" + logbackFile.toAbsolutePath());
        command.add("-Dzookeeper.jmx.log4j.disable=true");
        if (options.extendedTypes()) {
            command.add("-Dzookeeper.extendedTypesEnabled=true");
        }
        if (options.readOnlyMode()) {
            command.add("-Dreadonlymode.enabled=true");
        }
        options.superDigest().ifPresent(
                digest -> command.add("-Dzookeeper.DigestAuthenticationProvider.superDigest=" + digest));
        options.systemProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(options.jvmArgs());
        command.add("-cp");
        command.add(ServerClasspath.get());
        command.add(mainClass);
        command.add(configFile.toAbsolutePath().toString());
        return command;
    }

    /** {@code -Dzk.async.java} if set, else the java of the JVM running the tests. */
    static String javaExecutable() {
        String override = System.getProperty("zk.async.java");
        if (override != null && !override.isBlank()) {
            return override;
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
