package dev.zkasync.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.acl.Perms;

/**
 * Parses ACL entries written as {@code scheme:id:permissions}.
 */
final class AclEntries {

    private AclEntries() {
    }

    /**
     * Parses entries such as {@code world:anyone:ALL}, {@code auth::ALL},
     * {@code digest:user:HASH=:READ|WRITE} or {@code ip:10.0.0.0/8:cdrwa}. The scheme ends at the
     * first colon and the permissions start after the last, so ids may hold colons.
     * @param entries the entries
     * @return the ACL
     * @throws ZkAsyncPropertyException naming the property and the entry when one is malformed
     */
    static List<ACL> parse(List<String> entries) {
        List<ACL> acl = new ArrayList<>(entries.size());
        for (String entry : entries) {
            acl.add(parse(entry.strip()));
        }
        return acl;
    }

    private static ACL parse(String entry) {
        int first = entry.indexOf(':');
        int last = entry.lastIndexOf(':');
        if (first <= 0 || last == first) {
            throw invalid(entry, "expected scheme:id:permissions");
        }
        String scheme = entry.substring(0, first);
        String id = entry.substring(first + 1, last);
        String permissions = entry.substring(last + 1).strip();
        if (permissions.isEmpty()) {
            throw invalid(entry, "no permissions after the last ':'");
        }
        try {
            return ACL.of(perms(permissions), scheme, id);
        }
        catch (IllegalArgumentException ex) {
            throw invalid(entry, ex.getMessage());
        }
    }

    /** ZooKeeper's letters ({@code cdrwa}, as its CLI prints them) or names joined by '|'. */
    private static int perms(String text) {
        if (text.chars().allMatch((c) -> "cdrwa".indexOf(c) >= 0)) {
            int perms = 0;
            for (char c : text.toCharArray()) {
                perms |= switch (c) {
                    case 'c' -> Perms.CREATE;
                    case 'd' -> Perms.DELETE;
                    case 'r' -> Perms.READ;
                    case 'w' -> Perms.WRITE;
                    default -> Perms.ADMIN;
                };
            }
            return perms;
        }
        return Perms.parse(text);
    }

    private static ZkAsyncPropertyException invalid(String entry, String why) {
        return new ZkAsyncPropertyException("zk.async.default-acl", entry, why,
                "Write every entry as scheme:id:permissions, permissions as names joined by '|' "
                        + "(READ|WRITE|CREATE|DELETE|ADMIN, ALL) or ZooKeeper's letters (cdrwa), for example "
                        + "'world:anyone:ALL', 'auth::ALL' or 'digest:app:HASH=:READ|WRITE'.",
                null);
    }

}
