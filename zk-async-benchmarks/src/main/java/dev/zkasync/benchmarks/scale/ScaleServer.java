package dev.zkasync.benchmarks.scale;

import dev.zkasync.test.ZooKeeperProcess;

/** What the scenarios read from the server's four-letter words. */
final class ScaleServer {
    private ScaleServer() {
    }

    /** The {@code Total watches} of {@code wchs}; -1 when the server does not answer. */
    static long totalWatches(ZooKeeperProcess server) {
        try {
            String wchs = server.fourLetterWord("wchs");
            int at = wchs.indexOf("Total watches:");
            return at < 0 ? -1 : Long.parseLong(wchs.substring(at + "Total watches:".length()).strip());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** A counter of {@code mntr}, e.g. {@code zk_connection_request_count}; -1 when unreadable. */
    static long monitor(ZooKeeperProcess server, String key) {
        try {
            for (String line : server.fourLetterWord("mntr").split("\n")) {
                String[] kv = line.split("\t");
                if (kv.length == 2 && kv[0].equals(key)) {
                    return (long) Double.parseDouble(kv[1].strip());
                }
            }
        } catch (RuntimeException e) {
            // not serving yet, or too busy to answer in time
        }
        return -1;
    }
}
