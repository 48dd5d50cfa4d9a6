package dev.zkasync.client.acl;

import java.util.Locale;

/**
 * ACL permission bits, combined with {@code |}.
 */
public final class Perms {

    /** May read the node's data and list its children. */
    public static final int READ = 1;
    /** May set the node's data. */
    public static final int WRITE = 2;
    /** May create children. */
    public static final int CREATE = 4;
    /** May delete children. */
    public static final int DELETE = 8;
    /** May set the node's ACL. */
    public static final int ADMIN = 16;
    /** All of the above. */
    public static final int ALL = READ | WRITE | CREATE | DELETE | ADMIN;

    private static final String[] NAMES = {"READ", "WRITE", "CREATE", "DELETE", "ADMIN"};

    private Perms() {
    }

    /**
     * Formats permission bits as names: {@code "READ|WRITE"}, {@code "ALL"}, or {@code "NONE"}
     * for 0. Bits outside {@link #ALL} are appended in hex, e.g. {@code "READ|0x40"}.
     *
     * @param perms the bits
     * @return the names joined by {@code '|'}
     */
    public static String toString(int perms) {
        if (perms == ALL) {
            return "ALL";
        }
        if (perms == 0) {
            return "NONE";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            if ((perms & (1 << i)) != 0) {
                sb.append(sb.isEmpty() ? "" : "|").append(NAMES[i]);
            }
        }
        int extra = perms & ~ALL;
        if (extra != 0) {
            sb.append(sb.isEmpty() ? "" : "|").append("0x").append(Integer.toHexString(extra));
        }
        return sb.toString();
    }

    /**
     * Parses names joined by {@code '|'} (case-insensitive, blanks ignored), the inverse of
     * {@link #toString(int)} for valid bits: {@code "read|write"}, {@code "ALL"}, {@code "NONE"}.
     *
     * @param text the names
     * @return the bits
     * @throws IllegalArgumentException if a name is unknown or empty
     */
    public static int parse(String text) {
        int perms = 0;
        for (String part : text.split("\\|", -1)) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            perms |= switch (name) {
                case "READ" -> READ;
                case "WRITE" -> WRITE;
                case "CREATE" -> CREATE;
                case "DELETE" -> DELETE;
                case "ADMIN" -> ADMIN;
                case "ALL" -> ALL;
                case "NONE" -> 0;
                default -> throw new IllegalArgumentException(
                        "unknown permission \"" + part.strip() + "\" in \"" + text + "\"");
            };
        }
        return perms;
    }
}
