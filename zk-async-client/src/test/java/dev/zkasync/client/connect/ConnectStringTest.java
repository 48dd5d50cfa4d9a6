package dev.zkasync.client.connect;

import dev.zkasync.client.connect.ConnectString;
import dev.zkasync.client.connect.HostAndPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zkasync.client.exception.ConfigurationException;
import dev.zkasync.client.exception.InvalidPathException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectStringTest {

    @Test
    void singleHostDefaultPort() {
        ConnectString cs = ConnectString.parse("zk1");
        assertThat(cs.hosts()).containsExactly(new HostAndPort("zk1", 2181));
        assertThat(cs.chroot()).isEmpty();
        assertThat(cs.hasChroot()).isFalse();
        assertThat(cs).hasToString("zk1:2181");
    }

    @Test
    void severalHostsWithBlanksAndChroot() {
        ConnectString cs = ConnectString.parse("  zk1:2181 , zk2:2182,\t10.0.0.3 /app/sub ");
        assertThat(cs.hosts()).containsExactly(
                new HostAndPort("zk1", 2181), new HostAndPort("zk2", 2182), new HostAndPort("10.0.0.3", 2181));
        assertThat(cs.chroot()).isEqualTo("/app/sub");
        assertThat(cs.hasChroot()).isTrue();
        assertThat(cs).hasToString("zk1:2181,zk2:2182,10.0.0.3:2181/app/sub");
    }

    @Test
    void ipv6() {
        ConnectString cs = ConnectString.parse("[::1]:2182,[fe80::1%eth0],[2001:db8::7]:1/c");
        assertThat(cs.hosts()).containsExactly(
                new HostAndPort("::1", 2182), new HostAndPort("fe80::1%eth0", 2181), new HostAndPort("2001:db8::7", 1));
        assertThat(cs.chroot()).isEqualTo("/c");
        assertThat(cs).hasToString("[::1]:2182,[fe80::1%eth0]:2181,[2001:db8::7]:1/c");
        assertThat(new HostAndPort("::1", 2181)).hasToString("[::1]:2181");
        assertThat(new HostAndPort("[::1]", 2181).host()).isEqualTo("::1");
    }

    @Test
    void rootChrootMeansNone() {
        ConnectString cs = ConnectString.parse("h:1/");
        assertThat(cs.chroot()).isEmpty();
        assertThat(cs).hasToString("h:1");
        assertThat(new ConnectString(List.of(new HostAndPort("h", 1)), null).chroot()).isEmpty();
        assertThat(new ConnectString(List.of(new HostAndPort("h", 1)), "/").chroot()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h:1", "a:1,b:2/x", "[::1]:5,b:2/x/y", "h:65535"})
    void toStringRoundTrips(String s) {
        assertThat(ConnectString.parse(s)).hasToString(s);
        assertThat(ConnectString.parse(ConnectString.parse(s).toString())).isEqualTo(ConnectString.parse(s));
    }

    @Test
    void withHostsKeepsChroot() {
        ConnectString cs = ConnectString.parse("a:1/app").withHosts(List.of(new HostAndPort("b", 2)));
        assertThat(cs).hasToString("b:2/app");
    }

    @Test
    void hostListIsImmutableCopy() {
        List<HostAndPort> hosts = new ArrayList<>(List.of(new HostAndPort("a", 1)));
        ConnectString cs = new ConnectString(hosts, "");
        hosts.clear();
        assertThat(cs.hosts()).hasSize(1);
        assertThatThrownBy(() -> cs.hosts().add(new HostAndPort("b", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``               | names no hosts",
        "'   '            | names no hosts",
        "/app             | names no hosts",
        "a,,b             | empty host entry at position 2",
        "a,               | empty host entry at position 2",
        ":2181            | empty host",
        "h:               | port \"\" is not a number",
        "h:abc            | port \"abc\" is not a number",
        "h:+1             | port \"+1\" is not a number",
        "h:-1             | port \"-1\" is not a number",
        "h:0              | port 0 is not between 1 and 65535",
        "h:65536          | port 65536 is not between 1 and 65535",
        "h:123456         | port \"123456\" is not a number",
        "[::1             | unclosed '['",
        "[::1]x           | expected ':' after ']'",
        "[]:1             | empty host",
        "::1              | an IPv6 address must be in brackets",
        "a:1:2            | an IPv6 address must be in brackets",
        "a b:1            | invalid host",
    })
    void rejectsMalformedHosts(String input, String expected) {
        String s = input.equals("'   '") ? "   " : input;
        assertThatThrownBy(() -> ConnectString.parse(s))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void errorsNameTheBadEntry() {
        assertThatThrownBy(() -> ConnectString.parse("good:1,bad:x"))
                .hasMessage("invalid server \"bad:x\" in connect string: port \"x\" is not a number between 1 and 65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h:1/app/", "h:1//app", "h:1/app//x", "h:1/a/../b", "h:1/a/.", "h:1/a\u0001b"})
    void rejectsInvalidChroot(String s) {
        assertThatThrownBy(() -> ConnectString.parse(s))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("invalid chroot in connect string: Invalid path")
                .hasCauseInstanceOf(InvalidPathException.class);
    }

    @Test
    void chrootMessageEscapesControlCharacters() {
        assertThatThrownBy(() -> ConnectString.parse("h:1/a\u0001b"))
                .hasMessageContaining("\"/a\\u0001b\"");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ConnectString.parse(null)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new ConnectString(List.of(), "")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new ConnectString(null, "")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void hostAndPortValidation() {
        assertThatThrownBy(() -> new HostAndPort("h", 0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new HostAndPort("h", 65536)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new HostAndPort("", 1)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new HostAndPort(null, 1)).isInstanceOf(ConfigurationException.class);
        assertThat(HostAndPort.parse("h").port()).isEqualTo(HostAndPort.DEFAULT_PORT);
        assertThat(new HostAndPort("h", 5).toUnresolvedAddress().isUnresolved()).isTrue();
        assertThat(new HostAndPort("h", 5).toUnresolvedAddress().getHostString()).isEqualTo("h");
    }
}
