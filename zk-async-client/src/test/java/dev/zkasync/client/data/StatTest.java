package dev.zkasync.client.data;

import dev.zkasync.client.data.Stat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatTest {

    private static Stat withOwner(long owner) {
        return new Stat(1, 2, 1_700_000_000_000L, 1_700_000_001_234L, 3, 4, 5, owner, 6, 7, 8);
    }

    @Test
    void componentsInWireOrder() {
        Stat s = new Stat(11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21);
        assertThat(s.czxid()).isEqualTo(11);
        assertThat(s.mzxid()).isEqualTo(12);
        assertThat(s.ctime()).isEqualTo(13);
        assertThat(s.mtime()).isEqualTo(14);
        assertThat(s.version()).isEqualTo(15);
        assertThat(s.cversion()).isEqualTo(16);
        assertThat(s.aversion()).isEqualTo(17);
        assertThat(s.ephemeralOwner()).isEqualTo(18);
        assertThat(s.dataLength()).isEqualTo(19);
        assertThat(s.numChildren()).isEqualTo(20);
        assertThat(s.pzxid()).isEqualTo(21);
    }

    @Test
    void times() {
        Stat s = withOwner(0);
        assertThat(s.created()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(s.lastModified()).isEqualTo(Instant.ofEpochMilli(1_700_000_001_234L));
    }

    @Test
    void persistent() {
        Stat s = withOwner(0);
        assertThat(s.isEphemeral()).isFalse();
        assertThat(s.ownerSessionId()).isZero();
    }

    @Test
    void ephemeral() {
        long session = 0x0100_0123_4567_0001L;
        Stat s = withOwner(session);
        assertThat(s.isEphemeral()).isTrue();
        assertThat(s.ownerSessionId()).isEqualTo(session);
    }
}
