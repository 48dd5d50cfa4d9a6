package dev.zkasync.client.exception;

/**
 * How a znode path appears in an error message or log line: the characters a path may not contain
 * (control characters, surrogates, the private-use and specials blocks) escaped, so a bad path can
 * neither break a log line nor hide what it holds.
 */
public final class PrintablePath {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PrintablePath() {
    }

    /**
     * {@return whether {@code c} may not stand in a path: it is escaped in messages and refused by validation}
     *
     * @param c the character
     */
    public static boolean isForbidden(char c) {
        return c <= '\u001F'
                || (c >= '\u007F' && c <= '\u009F')
                || (c >= '\uD800' && c <= '\uF8FF')
                || c >= '\uFFF0';
    }

    /**
     * Returns {@code s} with every forbidden character escaped as {@code \}{@code uXXXX}.
     *
     * @param s the string, possibly null
     * @return the printable form, or {@code "null"}
     */
    public static String of(String s) {
        if (s == null) {
            return "null";
        }
        int n = s.length();
        int i = 0;
        while (i < n && !isForbidden(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s; // common case: nothing to escape, no copy
        }
        StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (isForbidden(c)) {
                sb.append(escape(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String escape(char c) {
        return new String(new char[] {'\\', 'u', HEX[c >> 12], HEX[(c >> 8) & 0xF], HEX[(c >> 4) & 0xF], HEX[c & 0xF]});
    }
}
