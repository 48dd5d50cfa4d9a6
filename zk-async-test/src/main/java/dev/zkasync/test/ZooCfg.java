package dev.zkasync.test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@code zoo.cfg} text for a standalone server or a quorum member. */
final class ZooCfg {

    /** Transaction log preallocation in KB; ZooKeeper's 64 MB default costs disk and time in tests. */
    static final int PRE_ALLOC_SIZE_KB = 1024;
    private static final List<String> REQUIRED_COMMANDS = List.of("ruok", "envi", "srvr");

    private ZooCfg() {
    }

    static String standalone(ZooKeeperServerOptions options, Path dataDir, int clientPort) {
        Map<String, String> cfg = common(options, dataDir);
        cfg.put("clientPort", Integer.toString(clientPort));
        cfg.put("clientPortAddress", FreePorts.LOOPBACK.getHostAddress());
        return render(withExtras(cfg, options));
    }

    /** Client and peer addresses come from {@code dynamicConfigFile}, which ZooKeeper rewrites on reconfig. */
    static String quorumMember(ZooKeeperServerOptions options, Path dataDir, Path dynamicConfigFile) {
        Map<String, String> cfg = common(options, dataDir);
        cfg.put("initLimit", "10");
        cfg.put("syncLimit", "5");
        cfg.put("standaloneEnabled", "false");
        cfg.put("reconfigEnabled", "true");
        cfg.put("dynamicConfigFile", dynamicConfigFile.toAbsolutePath().toString());
        return render(withExtras(cfg, options));
    }

    private static Map<String, String> common(ZooKeeperServerOptions options, Path dataDir) {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("tickTime", Long.toString(options.tickTime().toMillis()));
        cfg.put("dataDir", dataDir.toAbsolutePath().toString());
        cfg.put("4lw.commands.whitelist", whitelist(options.fourLetterWordWhitelist()));
        cfg.put("admin.enableServer", "false");
        cfg.put("forceSync", "no");
        cfg.put("preAllocSize", Integer.toString(PRE_ALLOC_SIZE_KB));
        cfg.put("maxClientCnxns", Integer.toString(options.maxClientConnections()));
        options.minSessionTimeout().ifPresent(t -> cfg.put("minSessionTimeout", Long.toString(t.toMillis())));
        options.maxSessionTimeout().ifPresent(t -> cfg.put("maxSessionTimeout", Long.toString(t.toMillis())));
        return cfg;
    }

    /** The readiness checks need ruok, envi and srvr, so a restricted whitelist always keeps them. */
    static String whitelist(String requested) {
        if (requested.strip().equals("*")) {
            return "*";
        }
        Set<String> commands = new LinkedHashSet<>();
        for (String command : requested.split(",")) {
            if (!command.isBlank()) {
                commands.add(command.strip());
            }
        }
        commands.addAll(REQUIRED_COMMANDS);
        return String.join(", ", commands);
    }

    private static Map<String, String> withExtras(Map<String, String> cfg, ZooKeeperServerOptions options) {
        cfg.putAll(options.zooCfg());
        return cfg;
    }

    private static String render(Map<String, String> cfg) {
        StringBuilder text = new StringBuilder("# Written by zk-async-test\n");
        // zoo.cfg is read with java.util.Properties, where a backslash escapes.
        cfg.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        return text.toString();
    }
}
