package dev.zkasync.client.path;

import dev.zkasync.client.path.ZkPaths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zkasync.client.exception.InvalidPathException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ZkPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b", "/a.", "/.a", "/a..", "/...", "/a/.b/..c", "/ a", "/a b",
            "/zookeeper/config", "/\u00e9t\u00e9", "/a:b@c"})
    void acceptsValidPaths(String path) {
        assertThatCode(() -> ZkPaths.validate(path)).doesNotThrowAnyException();
        assertThatCode(() -> ZkPaths.validateSequential(path)).doesNotThrowAnyException();
    }

    @Test
    void rejectsNullAndEmpty() {
        assertThatThrownBy(() -> ZkPaths.validate(null))
                .isInstanceOf(InvalidPathException.class)
                .hasMessage("Invalid path null: path must not be null");
        assertThatThrownBy(() -> ZkPaths.validate(""))
                .isInstanceOf(InvalidPathException.class)
                .hasMessage("Invalid path \"\": path must not be empty");
        assertThatThrownBy(() -> ZkPaths.validateSequential(""))
                .isInstanceOf(InvalidPathException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a           | path must start with '/'",
        "a/b         | path must start with '/'",
        "/a/         | path must not end with '/'",
        "//          | path must not end with '/'",
        "//a         | empty node name at index 1",
        "/a//b       | empty node name at index 3",
        "/.          | relative node name \".\" at index 1",
        "/..         | relative node name \"..\" at index 1",
        "/a/.        | relative node name \".\" at index 3",
        "/a/..       | relative node name \"..\" at index 3",
        "/./a        | relative node name \".\" at index 1",
        "/a/../b     | relative node name \"..\" at index 3",
    })
    void rejectsStructuralErrors(String path, String reason) {
        assertThatThrownBy(() -> ZkPaths.validate(path))
                .isInstanceOfSatisfying(InvalidPathException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.reason()).isEqualTo(reason);
                })
                .hasMessage("Invalid path \"" + path + "\": " + reason);
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u0000', '\u0001', '\u001F', '\u007F', '\u0080', '\u009F', '\uD800', '\uDBFF',
            '\uDC00', '\uE000', '\uF8FF', '\uFFF0', '\uFFFE', '\uFFFF'})
    void rejectsForbiddenCharacters(char c) {
        String path = "/a" + c + "b";
        String escaped = String.format("\\u%04X", (int) c);
        assertThatThrownBy(() -> ZkPaths.validate(path))
                .isInstanceOf(InvalidPathException.class)
                .hasMessage("Invalid path \"/a" + escaped + "b\": invalid character " + escaped + " at index 2");
        assertThatThrownBy(() -> ZkPaths.validateSequential(path)).isInstanceOf(InvalidPathException.class);
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u0020', '\u007E', '\u00A0', '\uD7FF', '\uF900', '\uFFEF', '\\', '"'})
    void acceptsBoundaryCharacters(char c) {
        assertThatCode(() -> ZkPaths.validate("/a" + c + "b")).doesNotThrowAnyException();
        assertThatCode(() -> ZkPaths.validate("/" + c)).doesNotThrowAnyException();
    }

    @Test
    void rejectsSurrogatePairsLikeZooKeeper() {
        assertThatThrownBy(() -> ZkPaths.validate("/\uD83D\uDE00"))
                .isInstanceOf(InvalidPathException.class)
                .hasMessageContaining("invalid character \\uD83D at index 1");
    }

    @Test
    void messageEscapesEveryControlCharacter() {
        assertThatThrownBy(() -> ZkPaths.validate("/a\n\u0000/b"))
                .hasMessage("Invalid path \"/a\\u000A\\u0000/b\": invalid character \\u000A at index 2");
        // The structural error comes first, but the control char is still escaped.
        assertThatThrownBy(() -> ZkPaths.validate("/a\u0007/"))
                .hasMessage("Invalid path \"/a\\u0007/\": path must not end with '/'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/dir/", "/dir", "/a/b/", "/a/.", "/a/..", "/."})
    void sequentialAllowsTrailingSlashAndDotNames(String path) {
        assertThatCode(() -> ZkPaths.validateSequential(path)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"//", "/a//", "/a//b", "/./", "/../b", "dir/", "/a\u0001/"})
    void sequentialStillRejectsTheRest(String path) {
        assertThatThrownBy(() -> ZkPaths.validateSequential(path)).isInstanceOf(InvalidPathException.class);
    }

    @Test
    void printable() {
        assertThat(ZkPaths.printable("/plain")).isEqualTo("/plain");
        assertThat(ZkPaths.printable("\u0000x\u009F\uFFFF")).isEqualTo("\\u0000x\\u009F\\uFFFF");
        assertThat(ZkPaths.printable(null)).isEqualTo("null");
    }

    @Test
    void joinParentBasename() {
        assertThat(ZkPaths.join("/", "a")).isEqualTo("/a");
        assertThat(ZkPaths.join("/a", "b")).isEqualTo("/a/b");
        assertThat(ZkPaths.join("/a/", "b")).isEqualTo("/a/b");
        assertThat(ZkPaths.join("/a", "/b")).isEqualTo("/a/b");
        assertThat(ZkPaths.join("/a/", "/b")).isEqualTo("/a/b");
        assertThat(ZkPaths.join("/a", "b/c")).isEqualTo("/a/b/c");

        assertThat(ZkPaths.parent("/")).isNull();
        assertThat(ZkPaths.parent("/a")).isEqualTo("/");
        assertThat(ZkPaths.parent("/a/b")).isEqualTo("/a");
        assertThat(ZkPaths.parent("/a/b/c")).isEqualTo("/a/b");

        assertThat(ZkPaths.basename("/")).isEmpty();
        assertThat(ZkPaths.basename("/a")).isEqualTo("a");
        assertThat(ZkPaths.basename("/a/bc")).isEqualTo("bc");
    }

    @Test
    void prefixChroot() {
        assertThat(ZkPaths.prefixChroot("/app", "/")).isEqualTo("/app");
        assertThat(ZkPaths.prefixChroot("/app", "/x")).isEqualTo("/app/x");
        assertThat(ZkPaths.prefixChroot("/app", "/x/y")).isEqualTo("/app/x/y");
        assertThat(ZkPaths.prefixChroot("", "/")).isEqualTo("/");
        assertThat(ZkPaths.prefixChroot("", "/x")).isEqualTo("/x");

        assertThat(ZkPaths.prefixChroot("/app", "/", true)).isEqualTo("/app/");
        assertThat(ZkPaths.prefixChroot("/app", "/dir/", true)).isEqualTo("/app/dir/");
        assertThat(ZkPaths.prefixChroot("/app", "/", false)).isEqualTo("/app");
        assertThat(ZkPaths.prefixChroot("", "/", true)).isEqualTo("/");
    }

    @Test
    void stripChroot() {
        assertThat(ZkPaths.stripChroot("/app", "/app")).isEqualTo("/");
        assertThat(ZkPaths.stripChroot("/app", "/app/x")).isEqualTo("/x");
        assertThat(ZkPaths.stripChroot("/app", "/app/x/y")).isEqualTo("/x/y");
        assertThat(ZkPaths.stripChroot("/app", "/zookeeper/config")).isEqualTo("/zookeeper/config");
        assertThat(ZkPaths.stripChroot("/app", "/apple")).isEqualTo("/apple");
        assertThat(ZkPaths.stripChroot("/app", "/ap")).isEqualTo("/ap");
        assertThat(ZkPaths.stripChroot("/app", "/")).isEqualTo("/");
        assertThat(ZkPaths.stripChroot("", "/x")).isEqualTo("/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/x", "/x/y", "/app", "/a.b"})
    void chrootRoundTrips(String path) {
        for (String chroot : new String[] {"", "/app", "/a/b"}) {
            String server = ZkPaths.prefixChroot(chroot, path);
            ZkPaths.validate(server);
            assertThat(ZkPaths.stripChroot(chroot, server)).isEqualTo(path);
        }
    }
}
