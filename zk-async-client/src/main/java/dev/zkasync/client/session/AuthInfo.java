package dev.zkasync.client.session;

import java.util.Arrays;

/** An auth scheme and credential, replayed on every connection. The credential never prints. */
public record AuthInfo(String scheme, byte[] credential) {
    public AuthInfo {
        credential = credential.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthInfo a && a.scheme.equals(scheme) && Arrays.equals(a.credential, credential);
    }

    @Override
    public int hashCode() {
        return scheme.hashCode() * 31 + Arrays.hashCode(credential);
    }

    @Override
    public String toString() {
        return "AuthInfo[scheme=" + scheme + ", credential=***]";
    }
}
